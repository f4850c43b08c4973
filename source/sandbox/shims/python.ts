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
 * `python` on a sandbox host, the interpreter Synnefo runs on, for the one program snf-upgrade gives it:
 * snf-manage's entry point with a secret on stdin, simulated. DIR/bin/python (bin-scripts.ts) runs any
 * other program in this machine's python3 and never brings it here.
 */
export default async function python(shim: ShimContext): Promise<number> {
	const [flag, program, ...args] = shim.args;
	if (flag !== '-c' || program !== snfManageStdinProgram) {
		shim.err('snf-upgrade sandbox: the python shim runs only snf-manage\'s entry point (DIR/bin/python runs the rest in python3)\n');
		return 127;
	}

	return snfManageEntryPoint(shim, args);
}
