import {spawnSync} from 'node:child_process';
import process from 'node:process';
import {shellQuote} from '../domain/shell-quote.js';
import {snfManageStdinProgram} from '../domain/steps/snf-manage-stdin.js';
import {binPrograms, shimExec, wrapperScript} from './shim-programs.js';

/**
 * DIR/bin/python, the interpreter Synnefo runs on: snf-manage's entry point with a secret on stdin goes to
 * the python shim; any other program (the settings reader, the check of an edited settings file) runs in
 * this machine's python3, as it would in the host's Python — straight, without a node start-up in between.
 */
export function pythonScript(node: string, shimMain: string): string {
	return [
		'#!/bin/sh',
		`if [ "$1" = -c ] && [ "$2" = ${shellQuote(snfManageStdinProgram)} ]; then ${shimExec(node, shimMain, 'python')}; fi`,
		'command -v python3 >/dev/null 2>&1 || { echo \'sh: 1: python: not found\' >&2; exit 127; }',
		'exec python3 "$@"',
		'',
	].join('\n');
}

/** Where a Debian host (what a sandbox host stands for) has its interpreter. */
const systemPython3 = '/usr/bin/python3';

/**
 * The interpreter a sandbox host's python3 is: the system one when it runs (a Synnefo host's Python is the
 * distribution's, not the admin's version manager's, whose start-up may carry site hooks of its own),
 * else the one `python3` runs here (through a version manager's shim, the one it picks); none if neither.
 */
export function hostPython3(): string | undefined {
	for (const candidate of [systemPython3, 'python3']) {
		const result = spawnSync(candidate, ['-c', 'import sys; sys.stdout.write(sys.executable)'], {encoding: 'utf8', env: process.env});
		if (result.status === 0 && result.stdout.startsWith('/')) {
			return result.stdout;
		}
	}

	return undefined;
}

/**
 * Every DIR/bin program: the shims and python; given `python3` (hostPython3(), resolved when the sandbox
 * is made) also python3, straight to that interpreter (no version manager's shim on every call), and python2,
 * which on a Synnefo 0.14 host is the same interpreter as python.
 */
export function binScripts(node: string, shimMain: string, python3?: string): ReadonlyMap<string, string> {
	const scripts = new Map(binPrograms.map(program => [program, program === 'python' ? pythonScript(node, shimMain) : wrapperScript(node, shimMain, program)]));
	if (python3 !== undefined) {
		scripts.set('python2', pythonScript(node, shimMain));
		scripts.set('python3', `#!/bin/sh\nexec ${shellQuote(python3)} "$@"\n`);
	}

	return scripts;
}
