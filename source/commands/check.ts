import {answerSpecs} from '../domain/answers-schema.js';
import {hostDefaultsFrom} from '../domain/answers/host-agreement.js';
import {resolveAnswers} from '../domain/answers/resolve-answers.js';
import {agreementRows} from '../domain/check/agreement-rows.js';
import {checkExitCode, type CheckReport} from '../domain/check/check-types.js';
import {renderCheckJson, renderCheckText} from '../domain/check/render-check.js';
import {InputError} from '../domain/errors.js';
import {buildPlan} from '../domain/plan/build-plan.js';
import {createRedactor} from '../domain/redact.js';
import {uniqueHosts} from '../domain/steps/builders.js';
import {createExecutorPool} from '../runner/executor-pool.js';
import {inventoryHosts} from '../runner/inventory-hosts.js';
import {preflight} from '../runner/preflight.js';
import {checkSteps} from '../runner/check-steps.js';
import {loadAnswersSession} from '../state/answers-session.js';
import {stateDirectory, statePaths} from '../state/paths.js';
import {parallelFlag} from './parallel-flag.js';
import type {CommandContext, CommandHandler} from './command.js';
import {checkPreflight} from './check-preflight.js';
import {readOnlyRunner} from './check-runner.js';
import {executorFactory, redactError, stepRenderer} from './run-wiring.js';

const usage = 'usage: snf-upgrade check [--answers FILE] [--set KEY=VALUE] [--only|--skip SECTION] [--format text|json] [--state-dir DIR] [--parallel N]';
const renderers = {text: renderCheckText, json: renderCheckJson} as const;

function checkUsage(context: CommandContext): {readonly format: keyof typeof renderers; readonly parallel: number} {
	const {flags} = context;
	if (context.input.length > 0) {
		throw new InputError(`check: unexpected argument '${context.input[0]!}'`, usage);
	}

	const format = flags.format ?? 'text';
	if (format !== 'text' && format !== 'json') {
		throw new InputError(`check: unknown --format '${format}'`, 'Formats: text (default), json.');
	}

	return {format, parallel: parallelFlag(flags.parallel, 'check', usage)};
}

/**
 * `snf-upgrade check`: read-only. The preflight and every step's probe on every host, in parallel; a
 * table per section × host (PASS / WARN / FAIL, DONE / TO DO / CANNOT TELL) with one line of evidence
 * each. Exit 1 on any FAIL, else 0. Every executor is a dry-run one: nothing that changes a host can run.
 */
const check: CommandHandler = async context => {
	const {flags, env} = context;
	const {format, parallel} = checkUsage(context);
	const paths = statePaths(stateDirectory(flags.stateDir, env));
	const session = loadAnswersSession({stateDirectory: paths.root, ...(flags.answers === undefined ? {} : {answersFile: flags.answers}), sets: flags.set ?? [], env});
	const redact = createRedactor(Object.values(session.secrets));
	const {inventory} = session;
	if (inventory === undefined) {
		throw new InputError('check: no inventory: the hosts to check are not known', 'Give --answers FILE with an "inventory" (snf-upgrade sandbox DIR writes one for a rehearsal).');
	}

	const hosts = inventoryHosts(inventory);
	const sudoPassword = session.secrets.sudoPassword;
	const factory = await executorFactory({
		acceptNewHostKeys: flags.acceptNewHostKeys ?? false,
		dryRun: true,
		needsSsh: hosts.some(host => host.target.kind === 'ssh'),
		secrets: Object.values(session.secrets),
		...(sudoPassword === undefined ? {} : {sudoPassword}),
	});
	const pool = createExecutorPool(factory);
	try {
		const reachable = await preflight(hosts, pool, {parallel});
		const {rows, values} = await checkPreflight({inventory, hosts, problems: reachable, executors: pool, answers: session.resolved, parallel, ...(sudoPassword === undefined ? {} : {sudoPassword})});
		const resolved = resolveAnswers(session.answers, answerSpecs, hostDefaultsFrom(values));
		const plan = buildPlan({answers: resolved, inventory, only: flags.only ?? [], skip: flags.skip ?? []});
		const unreachable = new Set(reachable.map(problem => problem.host.id));
		const ctx = readOnlyRunner({paths, executors: pool, redact, ...(sudoPassword === undefined ? {} : {sudoPassword}), hostLabels: uniqueHosts(hosts).map(host => host.label)});
		const steps = await checkSteps(ctx, plan.steps, stepRenderer({answers: resolved, inventory}), parallel, unreachable);
		const report: CheckReport = {preflight: [...rows, ...agreementRows(session.answers, values)], steps};
		context.stdout.write(redact(renderers[format](report)));
		return checkExitCode(report);
	} catch (error) {
		throw redactError(error, redact);
	} finally {
		await pool.dispose();
	}
};

export default check;
