import {spawnSync} from 'node:child_process';
import {snfManageStdinProgram} from '../../domain/steps/snf-manage-stdin.js';
import {loadState} from '../state.js';
import {releaseOf} from '../versions.js';
import type {ShimContext} from './context.js';
import snfManage from './snf-manage.js';

const pythonTraceback = (line: string, exception: string) =>
	`Traceback (most recent call last):\n  File "<string>", line 1, in <module>\n${line === '' ? '' : `    ${line}\n`}${exception}\n`;

/**
 * snfManageStdinProgram as the host's Python 2 runs it: read one line from stdin, stop when it is empty,
 * put `OPTION=LINE` into argv in memory and call snf-manage's main() — here the snf-manage shim, in this
 * process, so the secret is in no process's argv, as on a real host.
 */
async function snfManageEntryPoint(shim: ShimContext, args: readonly string[]): Promise<number> {
	const secret = (await shim.readLine()) ?? '';
	if (secret === '') {
		shim.err('snf-upgrade: no secret on stdin\n');
		return 1;
	}

	const [subcommand, option, ...rest] = args;
	if (subcommand === undefined || option === undefined) {
		shim.err(pythonTraceback('', 'IndexError: list index out of range'));
		return 1;
	}

	if (releaseOf(loadState(shim.sandbox), shim.host, 'snf-webproject') === undefined) {
		shim.err(pythonTraceback('', 'ImportError: No module named synnefo.webproject.manage'));
		return 1;
	}

	return snfManage({...shim, program: 'snf-manage', args: [subcommand, `${option}=${secret}`, ...rest]});
}

/**
 * `python` on a sandbox host: the interpreter Synnefo runs on. The program snf-upgrade gives it (snf-manage's
 * entry point with a secret on stdin) is simulated; any other program (such as the syntax check of an edited
 * settings file) runs in this machine's python3, as any program would run in the host's Python.
 */
export default async function python(shim: ShimContext): Promise<number> {
	const [flag, program, ...args] = shim.args;
	if (flag === '-c' && program === snfManageStdinProgram) {
		return snfManageEntryPoint(shim, args);
	}

	const result = spawnSync('python3', shim.args, {stdio: 'inherit', env: shim.env});
	if (result.error) {
		shim.err('sh: 1: python: not found\n');
		return 127;
	}

	return result.status ?? 1;
}
