import process from 'node:process';
import {InputError} from '../domain/errors.js';
import {exitCodes} from '../domain/exit-codes.js';
import {createRedactor, type Redactor} from '../domain/redact.js';
import {createExecutorPool} from '../runner/executor-pool.js';
import {inventoryHosts} from '../runner/inventory-hosts.js';
import {createLinePrinter} from '../runner/line-printer.js';
import {preflight} from '../runner/preflight.js';
import {runPlan} from '../runner/run-plan.js';
import {planHosts} from '../runner/step-hosts.js';
import {loadAnswersSession} from '../state/answers-session.js';
import {openJournal} from '../state/journal.js';
import {stateDirectory, statePaths} from '../state/paths.js';
import {createTranscript} from '../state/transcript.js';
import type {CommandContext, CommandHandler} from './command.js';
import {answersFromDeployment} from './deployment-answers.js';
import {checkAnswers, planSteps, readableFromHosts} from './run-checks.js';
import {parallelFlag} from './parallel-flag.js';
import {bindJournalToDeployment} from './run-journal.js';
import {restrictedRenderer, retryLines, selectedHosts} from './run-hosts.js';
import {createRunOutput} from './run-output.js';
import {reportOutcome} from './run-outcome.js';
import {saveRunAnswers} from './run-answers-saved.js';
import {timeLimitsFromEnv} from './time-limit-env.js';
import {takeDeploymentLock, type TakenLock} from './run-lock.js';
import {lockDirectory} from '../runner/host-lock-script.js';
import {stepRenderer} from '../domain/plan/step-renderer.js';
import {editOperations, executorFactory, redactError} from './run-wiring.js';
import {createRunControl, trapSignals} from './run-signals.js';
import {inContinuousIntegration} from './terminal-check.js';

const usage = 'usage: snf-upgrade run --yes [--answers FILE] [--set KEY=VALUE] [--only|--skip SECTION] [--from STEP] [--hosts ID,ID|@FILE] [--dry-run] [--state-dir DIR] [--parallel N] [--break-lock]';

function checkUsage(context: CommandContext): number {
	const {flags} = context;
	if (context.input.length > 0) {
		throw new InputError(`run: unexpected argument '${context.input[0]!}'`, usage);
	}

	if (!flags.yes) {
		const interactive = process.stdin.isTTY && process.stdout.isTTY && !inContinuousIntegration(context.env);
		throw new InputError(
			interactive
				? 'run: asks no questions; pass --yes to run every step without them, or run bare `snf-upgrade` for the wizard, which asks'
				: 'run: no terminal to ask on; pass --yes to run every step without questions (it never waits for input)',
			usage,
		);
	}

	return parallelFlag(flags.parallel, 'run', usage);
}

/**
 * `snf-upgrade run --yes`: the plan from saved and given answers, run to the end without questions,
 * with plain line output; see the README for exit codes.
 */
const run: CommandHandler = async context => {
	const {flags, env} = context;
	const parallel = checkUsage(context);
	const dryRun = flags.dryRun ?? false;
	const paths = statePaths(stateDirectory(flags.stateDir, env));
	const session = loadAnswersSession({
		stateDirectory: paths.root,
		...(flags.answers === undefined ? {} : {answersFile: flags.answers}),
		sets: flags.set ?? [],
		env,
		...(flags.saveSecrets === undefined ? {} : {saveSecrets: flags.saveSecrets}),
	});
	const redact = createRedactor(Object.values(session.secrets));
	try {
		return await runWithAnswers(context, {parallel, dryRun, paths, session, redact});
	} catch (error) {
		throw redactError(error, redact);
	}
};

interface RunSetup {
	readonly parallel: number;
	readonly dryRun: boolean;
	readonly paths: ReturnType<typeof statePaths>;
	readonly session: ReturnType<typeof loadAnswersSession>;
	readonly redact: Redactor;
}

async function runWithAnswers(context: CommandContext, setup: RunSetup): Promise<number> {
	const {flags} = context;
	const {parallel, dryRun, paths, session, redact} = setup;
	const timeLimits = timeLimitsFromEnv(context.env);
	const control = createRunControl();
	const output = createRunOutput(context, redact, control.stop);
	const {say, stdout} = output;
	const {inventory} = session;
	if (inventory === undefined) {
		throw new InputError('run: no inventory: the hosts to upgrade are not known', 'Give --answers FILE with an "inventory" (snf-upgrade sandbox DIR writes one for a rehearsal); it is saved for later runs.');
	}

	const only = selectedHosts(flags.hosts, inventory);
	const plan = (resolved: typeof session.resolved) => planSteps(resolved, inventory, flags, only);
	// Answers the hosts can give are checked once the hosts are read (after the preflight).
	checkAnswers(plan(session.resolved), session, session.resolved, readableFromHosts);

	const hosts = planHosts(plan(session.resolved));
	const sudoPassword = session.secrets.sudoPassword;
	const factory = await executorFactory({
		acceptNewHostKeys: flags.acceptNewHostKeys ?? false,
		dryRun,
		needsSsh: hosts.some(host => host.target.kind === 'ssh'),
		secrets: Object.values(session.secrets),
		...(sudoPassword === undefined ? {} : {sudoPassword}),
	});
	const pool = createExecutorPool(factory);
	const untrap = trapSignals(control, say, output.hungUp);
	let lock: TakenLock | undefined;
	try {
		const labels = inventoryHosts(inventory).map(host => host.label);
		// Only read until the deployment lock is held (a live holder appends to it; a refused run writes nothing).
		let journal = openJournal(paths.journals, labels, {redact, readOnly: true});
		const transcript = createTranscript(paths.transcripts, {redact, label: dryRun ? 'dry-run' : 'run'});
		output.recordIn(transcript);

		say(`snf-upgrade: journal ${journal.file}; transcript ${transcript.file!}${dryRun ? ' (dry run: the journal is only read)' : ''}`);
		if (journal.torn !== undefined) {
			say(`snf-upgrade: journal: ${journal.torn}.`);
		}

		const identities = new Map<string, string>();
		const problems = await preflight(hosts, pool, {parallel, signal: control.abort.signal, identities});
		if (control.abort.signal.aborted) {
			return exitCodes.interrupted;
		}

		if (problems.length > 0) {
			for (const {host, problem} of problems) {
				transcript.write(`preflight: ${host.label}: ${problem}`);
			}

			say(`snf-upgrade: preflight failed, nothing was run:\n${problems.map(({host, problem}) => `  ${host.id} (${host.label}): ${problem}`).join('\n')}`);
			say('  next: make these hosts reachable (ssh, host keys: --accept-new-host-keys trusts keys seen for the first time), then run again.');
			return exitCodes.unreachable;
		}

		const deployment = await answersFromDeployment({answers: session.answers, resolved: session.resolved, inventory, executors: pool, parallel, signal: control.abort.signal, ...(sudoPassword === undefined ? {} : {sudoPassword})});
		if (control.abort.signal.aborted) {
			return exitCodes.interrupted;
		}

		for (const warning of deployment.warnings) {
			say(`snf-upgrade: ${warning}`);
		}

		const steps = plan(deployment.resolved);
		checkAnswers(steps, session, deployment.resolved, new Set(), deployment.problems);
		bindJournalToDeployment(journal, identities, {record: false});
		if (!dryRun) {
			lock = await takeDeploymentLock(hosts, pool, {stateDir: paths.root, breakLock: flags.breakLock ?? false, parallel, ...(sudoPassword === undefined ? {} : {sudoPassword}), say});
			if (lock === undefined) {
				transcript.write('refused: another run holds the deployment lock, or a command of an earlier run still runs');
				return exitCodes.locked;
			}

			transcript.write(`deployment lock taken on ${hosts.length} hosts (run ${lock.run})`);
			// The lock held: the answers are taken in and the journal opened for writing (new hosts' identities recorded).
			saveRunAnswers(session, say);
			journal = openJournal(paths.journals, labels, {redact});
			bindJournalToDeployment(journal, identities, {record: true});
			journal.recoverInterrupted();
		}

		const result = await runPlan({
			steps,
			rerender: restrictedRenderer(stepRenderer({answers: deployment.resolved, inventory}), only),
			executors: pool,
			journal,
			transcript,
			redact,
			signal: control.abort.signal,
			killSignal: control.kill.signal,
			stopSignal: control.stop.signal,
			confirm: async () => true,
			question: async () => undefined,
			onEvent: createLinePrinter({write: text => {
				stdout.write(text);
			}, redact}),
			edits: editOperations(redact, sudoPassword),
			parallel,
			dryRun,
			...(flags.from === undefined ? {} : {from: flags.from}),
			answersHash: session.answersHash,
			timeLimits,
			...(lock === undefined ? {} : {registerCommands: {run: lock.run, directory: lockDirectory}}),
			...(sudoPassword === undefined ? {} : {sudoPassword}),
		});
		const exitCode = reportOutcome(result, {control, transcript, say, dryRun});
		for (const text of result.outcome === 'failed' && !dryRun ? retryLines(result.failures, inventory, paths.retry, flags) : []) {
			say(text);
		}

		if (only !== undefined && result.outcome === 'done') {
			say(`snf-upgrade: only ${[...only].join(', ')} ran (--hosts); \`snf-upgrade run --yes\` without --hosts goes on with the other hosts (done steps are skipped).`);
		}

		say(`snf-upgrade: journal ${journal.file}; transcript ${transcript.file!}`);
		return exitCode;
	} finally {
		for (const problem of await lock?.release() ?? []) {
			say(`snf-upgrade: ${problem}`);
		}

		untrap();
		await pool.dispose();
	}
}

export default run;
