import type {Host} from '../domain/inventory-types.js';
import type {PlannedStep} from '../domain/plan-types.js';
import {probeHost} from './probe.js';
import type {RunnerContext} from './run-command.js';
import {stepRef} from './run-types.js';

/** Whether a step must run on a host, and if not, why. */
export type Decision = {readonly run: true} | {readonly run: false; readonly reason: string};

/**
 * Journal first, then the probe:
 * - done earlier with the same actions → left alone, no probe;
 * - done earlier but the actions changed → the probe decides; without a probe the admin is asked (`--yes`: run again);
 * - anything else → the probe decides when there is one (done → recorded as done), else it runs.
 */
export async function decideHost(ctx: RunnerContext, step: PlannedStep, host: Host, actionHash: string): Promise<Decision> {
	const {options} = ctx;
	const entry = options.journal.entry(step.id, host.id);
	const now = () => (options.now ?? (() => new Date()))().toISOString();
	const recordDone = (detail: string) => {
		if (!ctx.dryRun) {
			options.journal.set(step.id, host.id, {status: 'done', actionHash, answersHash: options.answersHash, endedAt: now(), detail});
		}
	};

	if (entry?.status === 'done' && entry.actionHash === actionHash) {
		return {run: false, reason: 'done earlier'};
	}

	const changed = entry?.status === 'done';
	const finding = await probeHost(ctx, step, host);
	if (finding?.done) {
		const detail = `${changed ? 'the actions changed since they ran, but ' : ''}already done: ${finding.detail}`;
		recordDone(detail);
		return {run: false, reason: detail};
	}

	if (changed && finding === undefined) {
		const reason = 'done earlier, but its actions changed since (answers or snf-upgrade version) and it has no check that tells whether it is still done';
		const again = await options.confirm({kind: 'rerun', step: stepRef(step), host: host.id, reason});
		if (!again) {
			return {run: false, reason: 'done earlier; its actions changed, but the admin kept it as done'};
		}
	}

	return {run: true};
}
