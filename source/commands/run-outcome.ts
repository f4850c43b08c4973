import {abortReason} from '../executors/abort-reason.js';
import type {RunResult} from '../runner/run-plan.js';
import type {Transcript} from '../state/transcript.js';
import type {RunControl} from './run-signals.js';

const exitCodes = {done: 0, failed: 1, declined: 1, interrupted: 130} as const;
/** Stopped at a step boundary because stdout or the terminal went away (README, exit codes). */
const outputLostExit = 5;
/** Another run holds the deployment lock, or a command of an earlier run still runs on a host. */
export const lockedExit = 4;

/** Says how the run ended and what to do next; returns the exit code (README: exit codes). */
export function reportOutcome(result: RunResult, control: RunControl, transcript: Transcript, say: (text: string) => void): number {
	for (const failure of result.outcome === 'failed' ? result.failures.slice(0, 1) : []) {
		say(`snf-upgrade: ${failure.step} failed on ${failure.host}: ${failure.message}`);
		say('  next: fix the cause, then run again: done steps are skipped and the run resumes here (snf-upgrade status shows the journal).');
	}

	const stoppedAtBoundary = result.outcome === 'interrupted' && !control.abort.signal.aborted;
	if (stoppedAtBoundary) {
		transcript.write(`stopped at a step boundary: ${abortReason(control.stop.signal)}`);
		say(`snf-upgrade: stopped at a step boundary (${abortReason(control.stop.signal)}); the journal is saved. Run again to resume.`);
	} else if (result.outcome === 'interrupted') {
		say('snf-upgrade: interrupted; the journal is saved. Run again to resume: an interrupted step is checked before anything else runs.');
	}

	return stoppedAtBoundary ? outputLostExit : exitCodes[result.outcome];
}
