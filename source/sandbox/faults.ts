import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

/**
 * Failure injection for rehearsals and tests: DIR/faults.json lists shim calls that go wrong. A
 * fault matches a call when its host is the call's host (or '*'), its program is the program, and
 * every word of `args` is among the call's arguments. Effects:
 * - 'hang': the program never ends (as a `service … stop` waiting on a stuck daemon does); it dies
 *   of SIGTERM like any process;
 * - 'hang-ignoring-term': the same, but SIGTERM is ignored (only SIGKILL ends it);
 * - 'fail': the program prints `message` to stderr and exits with `exitCode` (default 1), as a broken
 *   package or a full disk on one host makes `apt-get install` fail;
 * - 'fail-after-bytes' (pg_dump): the dump stops after `bytes` bytes of output and fails, as a real
 *   pg_dump does when the server goes away in the middle of a table (acted out by the pg_dump shim).
 * Every call that hangs is logged to DIR/faults.log as `HOST PROGRAM ARGS… pid=PID`.
 */
export interface SandboxFault {
	readonly host: string;
	readonly program: string;
	readonly args?: readonly string[];
	readonly effect: 'hang' | 'hang-ignoring-term' | 'fail' | 'fail-after-bytes';
	/** For 'fail': the exit code (default 1) and what goes to stderr. */
	readonly exitCode?: number;
	readonly message?: string;
	/** For 'fail-after-bytes': how much output comes before the failure. */
	readonly bytes?: number;
}

/** Whether shim-main acts the fault out itself (the others are the program's own, acted out by its shim). */
export const hangs = (fault: SandboxFault): boolean => fault.effect === 'hang' || fault.effect === 'hang-ignoring-term';

export const faultsFile = 'faults.json';
export const faultsLog = 'faults.log';

export function matchingFault(sandbox: string, host: string, program: string, args: readonly string[]): SandboxFault | undefined {
	const file = path.join(sandbox, faultsFile);
	if (!fs.existsSync(file)) {
		return undefined;
	}

	const faults = JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxFault[];
	return faults.find(fault => (fault.host === '*' || fault.host === host) && fault.program === program && (fault.args ?? []).every(word => args.includes(word)));
}

/** Acts out a fault: logs the call, then never resolves. */
export async function actOut(sandbox: string, host: string, program: string, args: readonly string[], fault: SandboxFault): Promise<never> {
	if (fault.effect === 'hang-ignoring-term') {
		process.on('SIGTERM', () => {
			// Ignored, as a stuck init script may.
		});
	}

	fs.appendFileSync(path.join(sandbox, faultsLog), `${[host, program, ...args].join(' ')} pid=${process.pid}\n`);
	setInterval(() => {
		// Keeps the process alive.
	}, 60_000);
	return new Promise<never>(() => {
		// Never settles.
	});
}
