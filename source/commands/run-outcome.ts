import {exitCodes} from '../domain/exit-codes.js';
import {abortReason} from '../executors/abort-reason.js';
import type {RunResult} from '../runner/run-plan.js';
import type {Transcript} from '../state/transcript.js';
import type {RunControl} from './run-signals.js';

const outcomeCodes = {done: exitCodes.done, failed: exitCodes.failed, declined: exitCodes.failed, interrupted: exitCodes.interrupted} as const;

/** Says how the run ended and what to do next; returns the exit code (README: exit codes). */
export function reportOutcome(result: RunResult, report: {readonly control: RunControl; readonly transcript: Transcript; readonly say: (text: string) => void; readonly dryRun: boolean}): number {
	const {control, transcript, say, dryRun} = report;
	if (dryRun && result.outcome === 'failed') {
		say(`snf-upgrade: dry run: ${result.failures.length} read-only check${result.failures.length === 1 ? '' : 's'} failed (first: ${result.failures[0]?.step ?? '?'} on ${result.failures[0]?.host ?? '?'}); exit 1. Those marked "dry run: the earlier changes were not made" may pass in a real run.`);
	}

	for (const failure of result.outcome === 'failed' && !dryRun ? result.failures.slice(0, 1) : []) {
		say(`snf-upgrade: ${failure.step} failed on ${failure.host}: ${failure.message}`);
		say(`  next: ${failure.hint ?? 'fix the cause, then run again: done steps are skipped and the run resumes here (snf-upgrade status shows the journal).'}`);
	}

	const stoppedAtBoundary = result.outcome === 'interrupted' && !control.abort.signal.aborted;
	if (stoppedAtBoundary) {
		transcript.write(`stopped at a step boundary: ${abortReason(control.stop.signal)}`);
		say(`snf-upgrade: stopped at a step boundary (${abortReason(control.stop.signal)}); the journal is saved. Run again to resume.`);
	} else if (result.outcome === 'interrupted') {
		say('snf-upgrade: interrupted; the journal is saved. Run again to resume: an interrupted step is checked before anything else runs.');
	}

	return stoppedAtBoundary ? exitCodes.outputLost : outcomeCodes[result.outcome];
}
