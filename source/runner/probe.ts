import type {Host} from '../domain/inventory-types.js';
import type {PlannedStep} from '../domain/plan-types.js';
import {judgeOutput} from './kept-output.js';
import {runCommand, type RunnerContext} from './run-command.js';
import {failureText} from './run-command.js';
import {stepRef} from './run-types.js';

/** What a step's probes found on a host: done, to do, or "cannot tell" (no positive evidence either way). */
export type ProbeStatus = 'done' | 'to-do' | 'cannot-tell';

export interface ProbeFinding {
	readonly status: ProbeStatus;
	/** One line of evidence per probe read (the first that did not say done ends the list). */
	readonly detail: string;
}

const spoken: Record<ProbeStatus, string> = {done: 'done', 'to-do': 'to do', 'cannot-tell': 'cannot tell'};

/** The probe status as the admin reads it: "done", "to do", "cannot tell". */
export const probeStatusText = (status: ProbeStatus): string => spoken[status];

/**
 * Runs the step's probes for one host: done when every probe says so; the first that does not says
 * "to do" or "cannot tell" (a check that could not run, or output it cannot read, is "cannot tell").
 * Undefined when the step has no probe there.
 */
export async function probeHost(ctx: RunnerContext, step: PlannedStep, host: Host): Promise<ProbeFinding | undefined> {
	const probes = step.probes.filter(probe => probe.host.id === host.id);
	if (probes.length === 0) {
		return undefined;
	}

	const details: string[] = [];
	for (const probe of probes) {
		const {result} = await runCommand(ctx, {step: stepRef(step), host, shell: probe.shell, asRoot: probe.asRoot, mutates: false, purpose: 'probe'});
		if (result.outcome !== 'completed') {
			return {status: 'cannot-tell', detail: ctx.redact(`${probe.description}: the check could not run (${failureText(result)})`)};
		}

		let verdict;
		try {
			verdict = judgeOutput(result, probe.isDone);
		} catch (error) {
			verdict = {ok: false, detail: `cannot read the check's output (${(error as Error).message})`, cannotTell: true as const};
		}

		const status: ProbeStatus = verdict.ok ? 'done' : (verdict.cannotTell ? 'cannot-tell' : 'to-do');
		const detail = ctx.redact(`${probe.description}: ${verdict.detail}`);
		ctx.options.transcript.write(`[${step.id} @ ${host.id}] probe says ${probeStatusText(status)}: ${detail}`);
		if (status !== 'done') {
			return {status, detail};
		}

		details.push(detail);
	}

	return {status: 'done', detail: details.join('; ')};
}
