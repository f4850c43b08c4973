import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {createConnection, createServer} from 'node:net';
import process from 'node:process';

// Ports and process trees on this machine, for the throwaway servers of the tests and benchmarks.

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address !== null ? address.port : 0;
			server.close(() => {
				resolve(port);
			});
		});
	});
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export async function portOpen(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = createConnection({host: '127.0.0.1', port});
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => {
			resolve(false);
		});
	});
}

/** Child pids of a process (pgrep -P), recursively. */
export function descendants(pid: number): number[] {
	let children: number[] = [];
	try {
		children = execFileSync('pgrep', ['-P', String(pid)], {encoding: 'utf8'}).split('\n').filter(Boolean).map(Number);
	} catch {
		return [];
	}

	return children.flatMap(child => [child, ...descendants(child)]);
}

/** Sends a signal, ignoring a process that is already gone. */
export function killQuietly(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(pid, signal);
	} catch {
		// already gone
	}
}

/**
 * CPU seconds (user + system) a process and all its descendants have used: the live ones and the children
 * they reaped (Linux /proc; 0 where it cannot be read). The difference over a phase is that tree's share.
 */
export function treeCpuSeconds(root: number): number {
	const ticksPerSecond = 100; // USER_HZ on Linux
	const children = new Map<number, number[]>();
	const ticks = new Map<number, number>();
	for (const name of readdirSync('/proc').filter(entry => /^\d+$/.test(entry))) {
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			// After "pid (comm) ": state ppid … utime(14) stime(15) cutime(16) cstime(17), counted from the state as 3.
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const pid = Number(name);
			ticks.set(pid, [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0));
			const parent = Number(fields[1]);
			children.set(parent, [...children.get(parent) ?? [], pid]);
		} catch {
			// gone meanwhile
		}
	}

	const sum = (pid: number): number => (ticks.get(pid) ?? 0) + (children.get(pid) ?? []).reduce((total, child) => total + sum(child), 0);
	return sum(root) / ticksPerSecond;
}
