import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, expect} from 'vitest';
import {faultsFile, faultsLog, type SandboxFault} from '../../source/sandbox/faults.js';
import {ensureCliBuilt, runCli} from './run-helpers.js';

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

/** A fresh sandbox in its own work directory for this test file; afterwards its processes are killed and the directory removed. */
export function faultSandboxForThisFile(prefix: string): {readonly work: string; readonly sandbox: string} {
	const paths = {work: '', sandbox: ''};
	beforeAll(async () => {
		ensureCliBuilt();
		paths.work = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
		paths.sandbox = path.join(paths.work, 'sb');
		expect((await runCli(['sandbox', paths.sandbox])).code).toBe(0);
	}, 120_000);

	afterAll(() => {
		for (const pid of sandboxProcesses(paths.sandbox)) {
			process.kill(pid, 'SIGKILL');
		}

		fs.rmSync(paths.work, {recursive: true, force: true});
	});

	return paths;
}
