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

/** The interpreter `python3` runs on this machine (through a version manager's shim, the one it picks), if any. */
export function machinePython3(): string | undefined {
	const result = spawnSync('python3', ['-c', 'import sys; sys.stdout.write(sys.executable)'], {encoding: 'utf8', env: process.env});
	return result.status === 0 && result.stdout.startsWith('/') ? result.stdout : undefined;
}

/**
 * Every DIR/bin program: the shims and python; given `python3` (machinePython3(), resolved when the sandbox
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
