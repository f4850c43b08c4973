import {agreementRows} from '../domain/check/agreement-rows.js';
import {checkExitCode, type CheckReport} from '../domain/check/check-types.js';
import {renderCheckJson, renderCheckText} from '../domain/check/render-check.js';
import {InputError} from '../domain/errors.js';
import {buildPlan} from '../domain/plan/build-plan.js';
import {checkSteps} from '../runner/check-steps.js';
import {parallelFlag} from './parallel-flag.js';
import type {CommandContext, CommandHandler} from './command.js';
import {withReadOnlyDeployment} from './read-only-deployment.js';
import {stepRenderer} from '../domain/plan/step-renderer.js';

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
	const {format, parallel} = checkUsage(context);
	return withReadOnlyDeployment(context, 'check', parallel, async ({session, inventory, resolved, rows, values, unreachable, runner, redact}) => {
		const plan = buildPlan({answers: resolved, inventory, only: context.flags.only ?? [], skip: context.flags.skip ?? []});
		const steps = await checkSteps(runner, plan.steps, stepRenderer({answers: resolved, inventory}), parallel, unreachable);
		const report: CheckReport = {preflight: [...rows, ...agreementRows(session.answers, values)], steps};
		context.stdout.write(redact(renderers[format](report)));
		return checkExitCode(report);
	});
};

export default check;
