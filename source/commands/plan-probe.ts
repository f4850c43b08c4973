import type {StepRow} from '../domain/check/check-types.js';
import {InputError} from '../domain/errors.js';
import {buildPlan} from '../domain/plan/build-plan.js';
import type {Plan} from '../domain/plan-types.js';
import {createRedactor} from '../domain/redact.js';
import {uniqueHosts} from '../domain/steps/builders.js';
import {checkSteps} from '../runner/check-steps.js';
import {inventoryHosts} from '../runner/inventory-hosts.js';
import {preflight} from '../runner/preflight.js';
import {loadAnswersSession} from '../state/answers-session.js';
import {stateDirectory, statePaths} from '../state/paths.js';
import {readOnlyRunner} from './check-runner.js';
import type {CommandContext} from './command.js';
import {dryRunExecutors} from './read-only-deployment.js';
import {stepRenderer} from '../domain/plan/step-renderer.js';
import {redactError} from './run-wiring.js';

const annotation: Readonly<Record<StepRow['status'], string | undefined>> = {
	'TO DO': 'will run',
	DONE: 'already done',
	'CANNOT TELL': 'cannot tell',
	SKIPPED: undefined,
};

/** One line per host of each step: "will run on astakos: evidence" (skipped steps say so already). */
function annotations(rows: readonly StepRow[]): Map<string, string[]> {
	const byStep = new Map<string, string[]>();
	for (const row of rows) {
		const word = annotation[row.status];
		if (word !== undefined) {
			byStep.set(row.step, [...(byStep.get(row.step) ?? []), `${word} on ${row.host}: ${row.evidence}`]);
		}
	}

	return byStep;
}

/**
 * `plan --probe`: the plan run would run (saved answers, --answers, --set, as run reads them), each step
 * annotated by its read-only probes on the inventory's hosts (check's path: dry-run executors, facts
 * first, then the probes): will run / already done / cannot tell. Nothing that changes a host can run.
 */
export async function probedPlan(context: CommandContext): Promise<{plan: Plan; annotations: Map<string, string[]>; redact: (text: string) => string}> {
	const {flags, env} = context;
	const paths = statePaths(stateDirectory(flags.stateDir, env));
	const session = loadAnswersSession({stateDirectory: paths.root, ...(flags.answers === undefined ? {} : {answersFile: flags.answers}), sets: flags.set ?? [], env});
	const {inventory} = session;
	if (inventory === undefined) {
		throw new InputError('plan --probe: no inventory: the hosts to probe are not known', 'Give --answers FILE with an "inventory", or leave out --probe (a plain plan reads nothing).');
	}

	const redact = createRedactor(Object.values(session.secrets));
	const hosts = inventoryHosts(inventory);
	const sudoPassword = session.secrets.sudoPassword;
	const parallel = 8;
	const pool = await dryRunExecutors(flags, session.secrets, hosts);
	try {
		const plan = buildPlan({answers: session.resolved, inventory, only: flags.only ?? [], skip: flags.skip ?? []});
		const unreachable = new Set((await preflight(hosts, pool, {parallel})).map(problem => problem.host.id));
		const ctx = readOnlyRunner({paths, executors: pool, redact, ...(sudoPassword === undefined ? {} : {sudoPassword}), hostLabels: uniqueHosts(hosts).map(host => host.label)});
		const rows = await checkSteps(ctx, plan.steps, stepRenderer({answers: session.resolved, inventory}), parallel, unreachable);
		return {plan, annotations: annotations(rows), redact};
	} catch (error) {
		throw redactError(error, redact);
	} finally {
		await pool.dispose();
	}
}
