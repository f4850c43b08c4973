import type {CommandOutput, Verdict} from './action-types.js';

/** A verdict from a plain condition. */
export const verdict = (ok: boolean, detail: string): Verdict => ({ok, detail});

/** The output is not the evidence the check reads: neither done nor to do. */
export const cannotTell = (detail: string): Verdict => ({ok: false, detail, cannotTell: true});

/** A verdict judged from parsed output: a parse error means the output was not the expected format (cannot tell). */
export function parsedVerdict(judge: () => Verdict): Verdict {
	try {
		return judge();
	} catch (error) {
		return cannotTell((error as Error).message);
	}
}

/** A non-zero exit or a killed command as a "cannot tell" verdict with the last line of its output; undefined on exit 0. */
export function failedRun(output: CommandOutput): Verdict | undefined {
	if (output.exitCode === 0) {
		return undefined;
	}

	const tail = (output.stderr.trim() || output.stdout.trim()).split('\n').at(-1) ?? '';
	const code = output.exitCode === null ? 'was killed' : `exited with ${output.exitCode}`;
	return cannotTell(tail === '' ? `the command ${code}` : `the command ${code}: ${tail}`);
}
