import type {Host} from '../domain/inventory-types.js';
import type {PlannedStep} from '../domain/plan-types.js';
import {runCommand, type RunnerContext} from './run-command.js';
import {failureText} from './run-command.js';
import {stepRef} from './run-types.js';

export interface ProbeFinding {
	readonly done: boolean;
	readonly detail: string;
}

/** Runs the step's probes for one host: done when every probe says so; undefined when the step has none there. */
export async function probeHost(ctx: RunnerContext, step: PlannedStep, host: Host): Promise<ProbeFinding | undefined> {
	const probes = step.probes.filter(probe => probe.host.id === host.id);
	if (probes.length === 0) {
		return undefined;
	}

	const details: string[] = [];
	for (const probe of probes) {
		const {result} = await runCommand(ctx, {step: stepRef(step), host, shell: probe.shell, asRoot: probe.asRoot, mutates: false, purpose: 'probe'});
		if (result.outcome !== 'completed') {
			return {done: false, detail: ctx.redact(`${probe.description}: the check could not run (${failureText(result)})`)};
		}

		let verdict;
		try {
			verdict = probe.isDone({exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr});
		} catch (error) {
			verdict = {ok: false, detail: `cannot read the check's output (${(error as Error).message})`};
		}

		const detail = ctx.redact(`${probe.description}: ${verdict.detail}`);
		ctx.options.transcript.write(`[${step.id} @ ${host.id}] probe says ${verdict.ok ? 'done' : 'not done'}: ${detail}`);
		if (!verdict.ok) {
			return {done: false, detail};
		}

		details.push(detail);
	}

	return {done: true, detail: details.join('; ')};
}
