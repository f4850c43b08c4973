import type {Host} from '../domain/inventory-types.js';
import type {PlannedStep} from '../domain/plan-types.js';
import {decideHost} from './decide.js';
import {executeHost, type HostOutcome} from './run-host.js';
import type {RunnerContext} from './run-command.js';
import {stepRef} from './run-types.js';

const skippedDetail = 'skipped by the admin after it failed; it runs again on the next run';

export type ChosenOutcome = HostOutcome | 'skipped' | 'already done';

/**
 * executeHost, then, when the host failed and the run has an onFailure callback, what the admin chose:
 * run it again (journal and probe first, as a rerun would: a failure that took effect is not run twice),
 * or record it skipped and go on (the step then counts as passed on the other hosts).
 * A dry run never asks: nothing it does can be fixed by running it again.
 */
export async function executeHostWithChoices(ctx: RunnerContext, step: PlannedStep, host: Host, actionHash: string): Promise<ChosenOutcome> {
	const {options} = ctx;
	for (let attempt = 0; ; attempt++) {
		if (attempt > 0) {
			const decision = await decideHost(ctx, step, host, actionHash);
			if ('failed' in decision) {
				// The journal and probe could not tell: the failure stands, as a rerun would show it.
				ctx.emit({type: 'step-failed', step: stepRef(step), host: host.id, message: ctx.redact(decision.reason), hint: ctx.redact(decision.hint)});
				return 'failed';
			}

			if (!decision.run) {
				ctx.emit({type: 'step-skipped', step: stepRef(step), host: host.id, reason: ctx.redact(decision.reason), alreadyDone: true});
				return 'already done';
			}
		}

		const outcome = await executeHost(ctx, step, host, actionHash);
		if (outcome !== 'failed' || options.onFailure === undefined || ctx.dryRun) {
			return outcome;
		}

		const choice = await options.onFailure({step: stepRef(step), host: host.id});
		const label = `[${step.id} @ ${host.id}]`;
		if (choice === 'retry') {
			options.transcript.write(`${label} run again, as the admin chose`);
			continue;
		}

		if (choice === 'skip') {
			options.transcript.write(`${label} ${skippedDetail}`);
			options.journal.set(step.id, host.id, {...options.journal.entry(step.id, host.id), status: 'skipped', endedAt: (options.now ?? (() => new Date()))().toISOString(), detail: skippedDetail});
			ctx.emit({type: 'step-skipped', step: stepRef(step), host: host.id, reason: skippedDetail, alreadyDone: false});
			return 'skipped';
		}

		return outcome;
	}
}
