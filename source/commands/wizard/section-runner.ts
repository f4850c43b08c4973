import type {NotRunReason} from '../../domain/exit-codes.js';
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
import {planHosts} from '../../runner/step-hosts.js';
import {lockDirectory} from '../../runner/host-lock-script.js';
import {openJournal} from '../../state/journal.js';
import type {StatePaths} from '../../state/paths.js';
import {createTranscript, type Transcript} from '../../state/transcript.js';
import type {RunSummaryView, SectionRunResult} from '../../ui/deployment.js';
import type {RunHooks} from '../../ui/run/run-hooks.js';
import {lockForRun, refusedLine, type TakenLock} from '../run-lock.js';
import {foreignJournal} from '../run-journal.js';
import {stepRenderer} from '../../domain/plan/step-renderer.js';
import {editOperations} from '../run-wiring.js';
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
	/** --break-lock: the first section run that takes the deployment lock breaks a stale one; later ones never do. */
	readonly breakLock?: boolean;
	/** How the admin starts the wizard again breaking a stale lock, named in a refusal (default `snf-upgrade --break-lock`). */
	readonly breakLockCommand?: string;
	/** A run found the journal written for other machines (and refused it). */
	readonly onOtherMachines?: () => void;
}

const noSteps = {ran: 0, alreadyDone: 0, skipped: 0, failed: 0};
/** Nothing was started, and why (the failure names it for the run screen; `notRun` gives the wizard's exit code). */
const failedBefore = (message: string, step: string, notRun: NotRunReason): SectionRunResult => ({outcome: 'failed', summary: {...noSteps, failed: 1}, failures: [{step, host: '*', message}], notRun});
/** Ctrl+C (abort) during the preflight: nothing was started; the wizard exits 130, as run --yes does. */
const interruptedBefore: RunResult = {outcome: 'interrupted', summary: noSteps, failures: []};

/** Runs one section at a time through runPlan, the runner `run --yes` drives; keeps the tally for the summary. */
export function createSectionRunner(setup: SectionRunnerSetup) {
	const tally = createRunTally();
	let transcript: Transcript | undefined;
	let breakLock = setup.breakLock ?? false;
	/** Why the last section run started nothing, and what to do (for the summary). */
	let notRun: readonly string[] = [];
	const breakLockAdvice = `quit the wizard and start it again as \`${setup.breakLockCommand ?? 'snf-upgrade --break-lock'}\``;
	const start = (section: SectionId) => async (hooks: RunHooks): Promise<SectionRunResult> => {
		const {answers} = setup;
		const redact = setup.redact();
		const notice = (text: string) => hooks.onEvent({type: 'notice', text: redact(text)});
		notRun = [];
		const {steps} = setup.planOf([section]);
		const missing = orderMissing(steps.flatMap(step => step.missing).filter(name => isAnswerKey(name)));
		if (missing.length > 0) {
			notice(`missing answers: ${missing.join(', ')}; go back (Esc) and give them`);
			notRun = [`missing answers: ${missing.join(', ')}`];
			return failedBefore(`missing answers: ${missing.join(', ')}`, 'answers', 'input');
		}

		const record = (transcript ??= createTranscript(setup.paths.transcripts, {redact, label: 'wizard'}));
		/** Nothing is run: why (and what to do) on the run screen, in the transcript and in the summary. */
		const refuse = (lines: readonly string[], message: string, step: string, reason: NotRunReason) => {
			notRun = lines.map(text => redact(text));
			for (const text of notRun) {
				notice(text);
				record.write(text);
			}

			return failedBefore(message, step, reason);
		};

		const inventory = setup.inventory();
		const pool = createExecutorPool(await setup.factory());
		let lock: TakenLock | undefined;
		try {
			const hosts = planHosts(steps);
			const identities = new Map<string, string>();
			const problems = await preflight(hosts, pool, {parallel: setup.parallel, signal: hooks.signal, identities});
			if (hooks.signal.aborted) {
				notRun = ['interrupted during the preflight'];
				return interruptedBefore;
			}

			if (problems.length > 0) {
				const text = problems.map(({host, problem}) => `${host.id}: ${problem}`).join('; ');
				notice(`preflight failed, nothing was run: ${text}`);
				notRun = [`preflight failed: ${redact(text)}`];
				return failedBefore(text, 'preflight', 'unreachable');
			}

			const sudoPassword = answers.secrets().sudoPassword;
			// As run --yes: one run at a time on the deployment, before the journal is even opened (a live holder writes it).
			const taken = await lockForRun(hosts, pool, {stateDir: setup.paths.root, breakLock, parallel: setup.parallel, breakLockAdvice, ...(sudoPassword === undefined ? {} : {sudoPassword})});
			if (!taken.ok) {
				return refuse([refusedLine, ...taken.problems, `next: ${taken.hint}`], taken.problems.join('; '), 'deployment-lock', 'locked');
			}

			lock = taken;
			breakLock = false;
			record.write(`deployment lock taken on ${hosts.length} hosts (run ${lock.run})`);
			const journal = openJournal(setup.paths.journals, inventoryHosts(inventory).map(host => host.label), {redact});
			// As run --yes: a journal written for other machines says nothing about these (its "done" would skip their steps).
			const foreign = foreignJournal(journal, identities);
			if (foreign !== undefined) {
				setup.onOtherMachines?.();
				return refuse([foreign.message, `next: ${foreign.hint ?? ''}`], foreign.message, 'journal', 'input');
			}

			journal.recoverInterrupted();
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
				registerCommands: {run: lock.run, directory: lockDirectory},
				...(sudoPassword === undefined ? {} : {sudoPassword}),
			});
		} finally {
			for (const problem of await lock?.release() ?? []) {
				notice(problem);
				record.write(problem);
			}

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
			...(notRun.length === 0 ? {} : {notRun}),
			...(setup.sandboxDirectory === undefined ? {} : {sandbox: setup.sandboxDirectory}),
		};
	};

	return {start, summary};
}
