import type {Redactor} from '../domain/redact.js';
import type {Executor} from '../executors/executor.js';
import type {RunnerContext} from '../runner/run-command.js';
import type {ExecutorSource} from '../runner/run-types.js';
import {openJournal} from '../state/journal.js';
import type {statePaths} from '../state/paths.js';
import {createTranscript} from '../state/transcript.js';
import {editOperations} from './run-wiring.js';

/**
 * A runner context for check: a dry run (a changing command or a file write is never run), the journal
 * only read, every command it runs recorded in a transcript labelled "check", no question ever answered.
 */
export function readOnlyRunner(input: {
	readonly paths: ReturnType<typeof statePaths>;
	readonly executors: ExecutorSource & {readonly made?: () => readonly Executor[]};
	readonly redact: Redactor;
	readonly sudoPassword?: string;
	readonly hostLabels: readonly string[];
}): RunnerContext {
	const {redact} = input;
	return {
		redact,
		dryRun: true,
		emit() {},
		options: {
			steps: [],
			executors: input.executors,
			journal: openJournal(input.paths.journals, input.hostLabels, {redact, readOnly: true}),
			transcript: createTranscript(input.paths.transcripts, {redact, label: 'check'}),
			redact,
			confirm: async () => false,
			question: async () => undefined,
			onEvent() {},
			edits: editOperations(redact, input.sudoPassword),
			dryRun: true,
			answersHash: '',
			...(input.sudoPassword === undefined ? {} : {sudoPassword: input.sudoPassword}),
		},
	};
}
