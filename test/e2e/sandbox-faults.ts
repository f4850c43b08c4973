import fs from 'node:fs';
import path from 'node:path';
import {faultsFile, faultsLog, type SandboxFault} from '../../source/sandbox/faults.js';

/** Makes these shim calls of the sandbox go wrong (see source/sandbox/faults.ts). */
export function injectFaults(sandbox: string, faults: readonly SandboxFault[]): void {
	fs.writeFileSync(path.join(sandbox, faultsFile), JSON.stringify(faults));
}

export function clearFaults(sandbox: string): void {
	fs.rmSync(path.join(sandbox, faultsFile), {force: true});
}

/** The calls that hung so far, one line each (`HOST PROGRAM ARGS… pid=PID`). */
export function hungCalls(sandbox: string): string[] {
	const file = path.join(sandbox, faultsLog);
	return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/** Pids of every live process that belongs to the sandbox (SNF_SANDBOX=DIR in its environment). */
export function sandboxProcesses(sandbox: string): number[] {
	const wanted = `SNF_SANDBOX=${sandbox}\0`;
	return fs.readdirSync('/proc').filter(name => /^\d+$/.test(name)).filter(pid => {
		try {
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) {
				return false;
			}

			return `\0${fs.readFileSync(`/proc/${pid}/environ`, 'utf8')}`.includes(`\0${wanted}`);
		} catch {
			return false;
		}
	}).map(Number);
}
