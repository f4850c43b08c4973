import type {Action, Arg, CommandAction, Probe} from '../../source/domain/action-types.js';
import type {Host} from '../../source/domain/inventory-types.js';
import type {PlannedStep} from '../../source/domain/plan-types.js';
import {createRedactor} from '../../source/domain/redact.js';
import {sections, type SectionId} from '../../source/domain/sections.js';
import type {RunEvent} from '../../source/runner/events.js';
import {runPlan, type RunPlanOptions} from '../../source/runner/run-plan.js';
import {openJournal} from '../../source/state/journal.js';
import {nullTranscript} from '../../source/state/transcript.js';
import {createFakeWorld, type FakeRule, type FakeWorld} from '../helpers/fake-executor.js';

export const host = (id: string): Host => ({id, target: {kind: 'local', root: '', env: {}}, label: `local (${id})`, sudo: false});

export function command(on: Host, argv: readonly Arg[], extra: Partial<CommandAction> = {}): CommandAction {
	return {kind: 'command', host: on, shell: {pipeline: [{argv}]}, mutates: true, asRoot: true, prompts: [], pty: false, ...extra};
}

/** A probe that asks the fake world whether `marker` is set on the host. */
export function markerProbe(on: Host, marker: string): Probe {
	return {
		host: on,
		shell: {pipeline: [{argv: ['check', marker]}]},
		asRoot: false,
		description: `${marker} is set`,
		isDone: output => ({ok: output.stdout.trim() === 'yes', detail: output.stdout.trim() === 'yes' ? `${marker} found` : `${marker} missing`}),
	};
}

export function step(id: string, section: SectionId, actions: readonly Action[], extra: Partial<PlannedStep> = {}): PlannedStep {
	return {
		id,
		section: sections.find(candidate => candidate.id === section)!,
		title: `Title of ${id}`,
		why: 'why',
		notes: [],
		facts: [],
		actions,
		probes: [],
		rerunSafe: false,
		missing: [],
		...extra,
	};
}

/** `mark X` sets marker X on the host; `check X` prints yes/no; `fail` exits 3 with output. */
export const markerRules: readonly FakeRule[] = [
	{match: /^mark (\S+)$/, run(io) {
		io.state.set(`${io.host.id}:${io.command.split(' ')[1]!}`, 'yes');
	}},
	{match: /^check (\S+)$/, run(io) {
		io.print(io.state.has(`${io.host.id}:${io.command.split(' ')[1]!}`) ? 'yes\n' : 'no\n');
	}},
	{match: /^fail$/, run(io) {
		io.print('something broke\nfor real\n', 'stderr');
		return {exitCode: 3};
	}},
];

export interface Harness {
	readonly world: FakeWorld;
	readonly events: RunEvent[];
	readonly journalFile: string;
	readonly run: (steps: readonly PlannedStep[], extra?: Partial<RunPlanOptions>) => ReturnType<typeof runPlan>;
	readonly confirms: Array<Parameters<RunPlanOptions['confirm']>[0]>;
}

export function harness(directory: string, rules: readonly FakeRule[] = [], settings: {readonly dryRun?: boolean} = {}): Harness {
	const world = createFakeWorld([...rules, ...markerRules], settings);
	const events: RunEvent[] = [];
	const confirms: Array<Parameters<RunPlanOptions['confirm']>[0]> = [];
	const labels = ['local (a)', 'local (b)', 'local (c)'];
	return {
		world,
		events,
		confirms,
		journalFile: openJournal(directory, labels).file,
		async run(steps, extra = {}) {
			const journal = openJournal(directory, labels, {readOnly: extra.dryRun ?? false});
			journal.recoverInterrupted();
			return runPlan({
				steps,
				executors: {get: world.executor},
				journal,
				transcript: nullTranscript(),
				redact: createRedactor([]),
				async confirm(request) {
					confirms.push(request);
					return true;
				},
				async question() {
					return undefined;
				},
				onEvent: event => events.push(event),
				edits: world.edits,
				answersHash: 'answers',
				promptIdleMs: 30,
				...extra,
			});
		},
	};
}
