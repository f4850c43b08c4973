import {execFileSync} from 'node:child_process';
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
