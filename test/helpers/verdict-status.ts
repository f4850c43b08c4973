import type {Verdict} from '../../source/domain/action-types.js';

/** A verdict as a probe reports it: done, to do or cannot tell. */
export const status = (verdict: Verdict): 'done' | 'to do' | 'cannot tell' => (verdict.ok ? 'done' : (verdict.cannotTell ? 'cannot tell' : 'to do'));

/** Outputs no probe may ever read as done: empty, unrelated, a traceback, a failed run. */
export const garbageOutputs: ReadonlyArray<readonly [string, {readonly stdout: string; readonly stderr: string; readonly exitCode: number | null}]> = [
	['empty output, exit 0', {stdout: '', stderr: '', exitCode: 0}],
	['whitespace, exit 0', {stdout: '\n \n', stderr: '', exitCode: 0}],
	['unrelated text, exit 0', {stdout: 'Hello world\n', stderr: '', exitCode: 0}],
	['a Python traceback, exit 1', {stdout: '', stderr: 'Traceback (most recent call last):\n  File "/usr/bin/snf-manage", line 9\nImportError: No module named synnefo\n', exitCode: 1}],
	['a settings error, exit 1', {stdout: '', stderr: 'Failed to read settings file: /etc/synnefo/20-snf-cyclades-app-api.conf [SyntaxError]\n', exitCode: 1}],
	['killed', {stdout: '', stderr: '', exitCode: null}],
	['JSON that is not a list', {stdout: '{"error": "x"}\n', stderr: '', exitCode: 0}],
];
