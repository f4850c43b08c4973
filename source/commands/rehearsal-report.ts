import {shellQuote} from '../domain/shell-quote.js';
import {statePaths} from '../state/paths.js';
import type {WizardEnd} from '../ui/flow/wizard-state.js';

/** Where a rehearsal is: its directory, its sandbox and the state (answers, journal, transcripts) of its walk. */
export interface RehearsalPlace {
	/** The rehearsal's own directory under the state dir's rehearsals/. */
	readonly directory: string;
	readonly sandbox: string;
	readonly answersFile: string;
	readonly stateDirectory: string;
}

/** How the rehearsal's upgrade ended: the wizard's end in a terminal; the run's exit code without one (it always runs to its end or stops). */
export type RehearsalEnd = {readonly interactive: true; readonly end: WizardEnd} | {readonly interactive: false; readonly code: number};

export interface RehearsalReport {
	readonly code: number;
	readonly text: string;
}

const walkCommand = (place: RehearsalPlace) => `snf-upgrade --answers ${shellQuote(place.answersFile)} --state-dir ${shellQuote(place.stateDirectory)}`;

/**
 * What a rehearsal says when its upgrade did not run to the end, and its exit code; undefined when it did (its sandbox
 * is then verified). A walk the admin left with nothing failed (the wizard's quit, exit 0 as the wizard's) is not
 * verified: `sandbox verify` checks a whole 0.15 deployment, so midway it lists every section not yet run as FAIL,
 * which says nothing about what did run. It says so, where the sandbox is and how to go on or look.
 */
export function unfinishedRehearsal(place: RehearsalPlace, how: RehearsalEnd): RehearsalReport | undefined {
	const code = how.interactive ? how.end.code : how.code;
	if (code !== 0) {
		const resume = how.interactive ? ` The walk resumes with: ${walkCommand(place)}` : '';
		return {code, text: `\nThe rehearsal stopped (exit ${code}). The sandbox, its journal and transcript are kept in ${place.directory}; \`snf-upgrade status --state-dir ${shellQuote(place.stateDirectory)}\` shows the journal.${resume}\n`};
	}

	if (!how.interactive || how.end.finished) {
		return undefined;
	}

	return {code, text: [
		'',
		'You left the rehearsal before it finished; its sandbox is kept as it is now. It was not verified: `sandbox verify` checks',
		'a whole 0.15 deployment, and every section not run yet would fail it.',
		`  sandbox:     ${place.sandbox} (answers and inventory: ${place.answersFile})`,
		`  go on:       ${walkCommand(place)}`,
		`  journal:     snf-upgrade status --state-dir ${shellQuote(place.stateDirectory)}`,
		`  transcripts: ${statePaths(place.stateDirectory).transcripts}`,
		`  check it:    snf-upgrade sandbox verify ${shellQuote(place.sandbox)} (it checks a whole 0.15 deployment)`,
		'',
	].join('\n')};
}
