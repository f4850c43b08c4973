import type {Host} from '../domain/inventory-types.js';
import type {PlannedStep} from '../domain/plan-types.js';
import {probeHost} from './probe.js';
import type {RunnerContext} from './run-command.js';
import {stepRef} from './run-types.js';

/** Whether a step must run on a host, and if not, why; `failed` when nobody can tell and running it again is not safe. */
export type Decision =
	| {readonly run: true}
	| {readonly run: false; readonly reason: string}
	| {readonly run: false; readonly failed: true; readonly reason: string; readonly hint: string};

/**
 * Journal first, then the probe:
 * - done earlier with the same actions → left alone, no probe;
 * - the probe says done → recorded as done; to do → runs;
 * - the probe cannot tell (its output is not the evidence it reads) → a step safe to rerun runs; any
 *   other is not run blindly: the decision fails with the probe's evidence;
 * - done earlier but the actions changed and no probe → the admin is asked (`--yes`: run again).
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
	if (finding?.status === 'done') {
		const detail = `${changed ? 'the actions changed since they ran, but ' : ''}already done: ${finding.detail}`;
		recordDone(detail);
		return {run: false, reason: detail};
	}

	if (finding?.status === 'cannot-tell') {
		if (step.rerunSafe) {
			ctx.emit({type: 'notice', text: `${step.id} @ ${host.id}: the check cannot tell whether it is done (${finding.detail}); it is safe to run again, so it runs`});
			return {run: true};
		}

		return {
			run: false,
			failed: true,
			reason: `cannot tell whether ${step.id} is already done on ${host.id}, and running it again is not safe: ${finding.detail}`,
			hint: `Look at ${host.label} by hand. When the step did take effect, run again with --from the next step; when it did not, run again with --from ${step.id}.`,
		};
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
