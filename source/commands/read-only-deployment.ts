import {answerSpecs} from '../domain/answers-schema.js';
import {hostDefaultsFrom} from '../domain/answers/host-agreement.js';
import {resolveAnswers, type ResolvedAnswers} from '../domain/answers/resolve-answers.js';
import type {PreflightRow} from '../domain/check/check-types.js';
import {InputError} from '../domain/errors.js';
import type {Host, Inventory} from '../domain/inventory-types.js';
import {createRedactor} from '../domain/redact.js';
import {uniqueHosts} from '../domain/steps/builders.js';
import {createExecutorPool, type ExecutorPool} from '../runner/executor-pool.js';
import {inventoryHosts} from '../runner/inventory-hosts.js';
import {preflight} from '../runner/preflight.js';
import type {RunnerContext} from '../runner/run-command.js';
import {loadAnswersSession, type AnswersSession} from '../state/answers-session.js';
import {stateDirectory, statePaths} from '../state/paths.js';
import type {CommandContext} from './command.js';
import {checkPreflight} from './check-preflight.js';
import {readOnlyRunner} from './check-runner.js';
import {executorFactory, redactError} from './run-wiring.js';

/** A deployment opened read-only: the answers with the defaults read from the hosts, and a dry-run runner context. */
export interface ReadOnlyDeployment {
	readonly session: AnswersSession;
	readonly inventory: Inventory;
	readonly hosts: readonly Host[];
	readonly resolved: ResolvedAnswers;
	/** Preflight and agreement rows (check prints them). */
	readonly rows: readonly PreflightRow[];
	readonly values: Parameters<typeof hostDefaultsFrom>[0];
	/** Hosts the preflight could not reach, by id. */
	readonly unreachable: ReadonlySet<string>;
	readonly runner: RunnerContext;
	readonly redact: (text: string) => string;
}

/** Executors for these hosts through which nothing that changes a host can run (dry-run); the caller disposes of the pool. */
export async function dryRunExecutors(flags: CommandContext['flags'], secrets: AnswersSession['secrets'], hosts: readonly Host[]): Promise<ExecutorPool> {
	const {sudoPassword} = secrets;
	const factory = await executorFactory({
		acceptNewHostKeys: flags.acceptNewHostKeys ?? false,
		dryRun: true,
		needsSsh: hosts.some(host => host.target.kind === 'ssh'),
		secrets: Object.values(secrets),
		...(sudoPassword === undefined ? {} : {sudoPassword}),
	});
	return createExecutorPool(factory);
}

/**
 * Opens the deployment as `check` does (state dir, --answers, --set; every executor a dry-run one, so nothing
 * that changes a host can run), runs the preflight and the host readers, calls `body`, then closes every connection.
 */
export async function withReadOnlyDeployment<T>(context: CommandContext, name: string, parallel: number, body: (deployment: ReadOnlyDeployment) => Promise<T>): Promise<T> {
	const {flags, env} = context;
	const paths = statePaths(stateDirectory(flags.stateDir, env));
	const session = loadAnswersSession({stateDirectory: paths.root, ...(flags.answers === undefined ? {} : {answersFile: flags.answers}), sets: flags.set ?? [], env});
	const redact = createRedactor(Object.values(session.secrets));
	const {inventory} = session;
	if (inventory === undefined) {
		throw new InputError(`${name}: no inventory: the hosts are not known`, 'Give --answers FILE with an "inventory" (snf-upgrade sandbox DIR writes one for a rehearsal).');
	}

	const hosts = inventoryHosts(inventory);
	const sudoPassword = session.secrets.sudoPassword;
	const pool = await dryRunExecutors(flags, session.secrets, hosts);
	try {
		const reachable = await preflight(hosts, pool, {parallel});
		const {rows, values} = await checkPreflight({inventory, hosts, problems: reachable, executors: pool, answers: session.resolved, parallel, ...(sudoPassword === undefined ? {} : {sudoPassword})});
		const resolved = resolveAnswers(session.answers, answerSpecs, hostDefaultsFrom(values));
		const runner = readOnlyRunner({paths, executors: pool, redact, ...(sudoPassword === undefined ? {} : {sudoPassword}), hostLabels: uniqueHosts(hosts).map(host => host.label)});
		return await body({session, inventory, hosts, resolved, rows, values, unreachable: new Set(reachable.map(problem => problem.host.id)), runner, redact});
	} catch (error) {
		throw redactError(error, redact);
	} finally {
		await pool.dispose();
	}
}
