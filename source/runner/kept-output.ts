import type {CommandOutput, Verdict} from '../domain/action-types.js';
import type {CommandResult} from '../executors/executor.js';

/**
 * How much of a command's output the runner keeps in memory (the transcript gets all of it, as it comes).
 * A probe, guardrail, fact or action check reads its command's whole output: their commands print a few
 * lines, so each stream is kept whole up to this many characters; a command printing more cannot be judged
 * ("cannot tell"), never judged on part of its output.
 */
export const wholeOutputChars = 32 * 1024 * 1024;

/** An action without a check: nothing reads its result's stdout/stderr, so only their end is kept. */
export const tailOutputChars = 16 * 1024;

/** The last lines of a command's output the runner keeps for failure messages (at most tailOutputChars of them). */
export const tailOutputLines = 50;

/** While a command runs, its output goes to the transcript in blocks of at least this many characters... */
export const transcriptFlushChars = 8 * 1024;

/** ...taken from its chunks in pieces of whole lines of at most this many (or one longer line). */
export const transcriptPieceChars = 16 * 1024;

/**
 * A line longer than this is cut into pieces of about this many characters (at a point no secret straddles:
 * see output-lines.ts): the same size as a transcript piece, so that whatever the runner holds of a line,
 * emits in one event or writes in one record stays about the size of the error tail (tailOutputChars),
 * whether the line is a megabyte of base64 or a progress bar that never prints a newline.
 */
export const longLineChars = transcriptPieceChars;

/** How much output is read whole, for messages: "32 MiB". */
export const wholeOutputText = `${wholeOutputChars / (1024 * 1024)} MiB`;

/** Why a value (a fact, a host reading) is not read from a command's output that was cut. */
export const valueCutDetail = `the output is longer than the ${wholeOutputText} a value is read from`;

/** What a check says of output it could not read whole. */
export const outputCutDetail = `cannot tell: the output is longer than the ${wholeOutputText} a check reads whole`;

/** The verdict of a check on a finished command's output; "cannot tell" when the output was cut (never a verdict on part of it). */
export function judgeOutput(result: CommandResult, check: (output: CommandOutput) => Verdict): Verdict {
	return result.outputCut ? {ok: false, detail: outputCutDetail, cannotTell: true} : check({exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr});
}
