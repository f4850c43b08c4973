import type {Facts, PlannedStep} from '../domain/plan-types.js';
import {factFailure, runCommand, type RunnerContext} from './run-command.js';
import {stepRef} from './run-types.js';

/**
 * The step's facts, read-only, one after another; a string says which could not be read (redacted), followed
 * by the end of that command's output when `withOutputTail` (the runner shows it under a failed step).
 */
export async function readFacts(ctx: RunnerContext, step: PlannedStep, withOutputTail = false): Promise<Facts | string> {
	const facts: Record<string, string> = {};
	for (const request of step.facts) {
		const {result, outputTail} = await runCommand(ctx, {step: stepRef(step), host: request.host, shell: request.shell, asRoot: request.asRoot, mutates: false, purpose: 'fact'});
		const failure = factFailure(result);
		if (failure !== undefined) {
			const tail = withOutputTail && outputTail ? `\n${outputTail}` : '';
			return ctx.redact(`could not read ${request.description} on ${request.host.id}: ${failure}${tail}`);
		}

		facts[request.key] = result.stdout;
	}

	return facts;
}
