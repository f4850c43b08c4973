import type {Redactor} from '../../domain/redact.js';
import type {Executor} from '../../executors/executor.js';
import type {Host, Inventory} from '../../domain/inventory-types.js';
import {isAnswerKey, orderMissing} from '../../domain/plan/build-plan.js';
import type {Plan} from '../../domain/plan-types.js';
import type {SectionId} from '../../domain/sections.js';
import {shellQuote} from '../../domain/shell-quote.js';
import {createExecutorPool} from '../../runner/executor-pool.js';
import {restoreLines} from '../../runner/restore-lines.js';
import {inventoryHosts} from '../../runner/inventory-hosts.js';
import {preflight} from '../../runner/preflight.js';
import {runPlan} from '../../runner/run-plan.js';
import type {RunResult} from '../../runner/run-types.js';
import {stepHosts} from '../../runner/step-hosts.js';
import {openJournal} from '../../state/journal.js';
import type {StatePaths} from '../../state/paths.js';
import {createTranscript, type Transcript} from '../../state/transcript.js';
import type {RunSummaryView} from '../../ui/deployment.js';
import type {RunHooks} from '../../ui/run/run-hooks.js';
import {editOperations, stepRenderer} from '../run-wiring.js';
import {createRunTally} from './run-tally.js';
import type {WizardAnswers} from './wizard-answers.js';

export interface SectionRunnerSetup {
	readonly answers: WizardAnswers;
	readonly inventory: () => Inventory;
	readonly redact: () => Redactor;
	readonly factory: () => Promise<(host: Host) => Executor>;
	readonly paths: StatePaths;
	readonly parallel: number;
	readonly planOf: (only: readonly SectionId[]) => Plan;
	readonly sandboxDirectory?: string;
}

const failedBefore = (message: string): RunResult => ({outcome: 'failed', summary: {ran: 0, alreadyDone: 0, skipped: 0, failed: 1}, failures: [{step: 'preflight', host: '*', message}]});

/** Runs one section at a time through runPlan, the runner `run --yes` drives; keeps the tally for the summary. */
export function createSectionRunner(setup: SectionRunnerSetup) {
	const tally = createRunTally();
	let transcript: Transcript | undefined;
	const start = (section: SectionId) => async (hooks: RunHooks): Promise<RunResult> => {
		const {answers} = setup;
		const redact = setup.redact();
		const notice = (text: string) => hooks.onEvent({type: 'notice', text: redact(text)});
		const {steps} = setup.planOf([section]);
		const missing = orderMissing(steps.flatMap(step => step.missing).filter(name => isAnswerKey(name)));
		if (missing.length > 0) {
			notice(`missing answers: ${missing.join(', ')}; go back (Esc) and give them`);
			return failedBefore(`missing answers: ${missing.join(', ')}`);
		}

		const record = (transcript ??= createTranscript(setup.paths.transcripts, {redact, label: 'wizard'}));
		const inventory = setup.inventory();
		const journal = openJournal(setup.paths.journals, inventoryHosts(inventory).map(host => host.label), {redact});
		const pool = createExecutorPool(await setup.factory());
		try {
			const hosts = [...new Map(steps.flatMap(step => stepHosts(step)).map(host => [host.id, host])).values()];
			const problems = await preflight(hosts, pool, {parallel: setup.parallel, signal: hooks.signal});
			if (problems.length > 0) {
				const text = problems.map(({host, problem}) => `${host.id}: ${problem}`).join('; ');
				notice(`preflight failed, nothing was run: ${text}`);
				return failedBefore(text);
			}

			journal.recoverInterrupted();
			const sudoPassword = answers.secrets().sudoPassword;
			// The run screen's hooks (confirm, question, signal, and its failure and stop controls) go to the runner as they are.
			const {onEvent, ...controls} = hooks;
			return await runPlan({
				steps,
				rerender: stepRenderer({answers: answers.resolved(), inventory}),
				executors: pool,
				journal,
				transcript: record,
				redact,
				...controls,
				onEvent(event) {
					tally.record(event);
					if (event.type === 'backup-made') {
						// Whole on one line here: the summary screen wraps long commands to its width.
						record.write(`[${event.step.id} @ ${event.host}] backup ${event.file}; restore (services stopped): ${event.restore}`);
					}

					onEvent(event);
				},
				edits: editOperations(redact, sudoPassword),
				parallel: setup.parallel,
				answersHash: answers.answersHash(),
				...(sudoPassword === undefined ? {} : {sudoPassword}),
			});
		} finally {
			await pool.dispose();
		}
	};

	const summary = (): RunSummaryView => {
		const skipped = setup.answers.skippedSections();
		const withheld = setup.answers.withheld();
		const saved = setup.answers.store.load()?.answers ?? {};
		const unsaved = Object.keys(setup.answers.secrets()).filter(key => saved[key] === undefined);
		const sets = [...new Set([...withheld, ...unsaved])].map(key => `--set ${key}=env:SNF_${key.replaceAll(/[A-Z]/g, letter => `_${letter}`).toUpperCase()}`);
		const rerun = ['snf-upgrade run --yes', `--state-dir ${shellQuote(setup.paths.root)}`, ...skipped.map(id => `--skip ${id}`), ...sets].join(' ');
		return {
			rows: tally.rows(),
			transcripts: transcript?.file === undefined ? [] : [transcript.file],
			rerun,
			restore: restoreLines(tally.backups(), 'this session'),
			...(setup.sandboxDirectory === undefined ? {} : {sandbox: setup.sandboxDirectory}),
		};
	};

	return {start, summary};
}
