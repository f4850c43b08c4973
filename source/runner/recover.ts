import type {PlannedStep} from '../domain/plan-types.js';
import {actionHash} from './action-hash.js';
import {probeHost} from './probe.js';
import type {RunnerContext} from './run-command.js';
import {hostActions, stepHosts} from './step-hosts.js';
import {stepRef, type RunFailure} from './run-types.js';

/**
 * Before anything else runs: every step × host the journal holds as `unknown` (or still `running`:
 * the process died) is probed. Done → recorded done; not done → recorded failed, so it runs again when
 * its turn comes. Without a probe nobody can tell, so the run stops and says what to do
 * (the `from` step is exempt: the admin asked to run it again).
 */
export async function recoverInterrupted(ctx: RunnerContext, steps: readonly PlannedStep[]): Promise<RunFailure | undefined> {
	const {options, emit} = ctx;
	for (const [index, step] of steps.entries()) {
		for (const host of stepHosts(step)) {
			const entry = options.journal.entry(step.id, host.id);
			if (entry?.status !== 'unknown' && entry?.status !== 'running') {
				continue;
			}

			if (step.id === options.from) {
				emit({type: 'notice', text: `${step.id} @ ${host.id} was interrupted earlier; running it again as --from asks`});
				continue;
			}

			const finding = await probeHost(ctx, step, host);
			if (finding === undefined || (finding.status === 'cannot-tell' && !step.rerunSafe)) {
				const next = steps[index + 1]?.id;
				const message = `${step.id} was interrupted on ${host.id} in an earlier run, and ${finding === undefined ? 'it has no check that tells' : `its check cannot tell (${finding.detail})`} whether it took effect`;
				const hint = `Check ${host.label} by hand. Then run again with --from ${step.id} to run it again${next ? `, or with --from ${next} to continue after it` : ''}; \`snf-upgrade status\` shows the journal.`;
				emit({type: 'step-failed', step: stepRef(step), host: host.id, message, hint});
				return {step: step.id, host: host.id, message};
			}

			const done = finding.status === 'done';
			const said = {done: 'it took effect', 'to-do': 'it did not take effect', 'cannot-tell': 'it cannot tell, and the step is safe to run again'}[finding.status];
			const detail = `interrupted earlier; the probe says ${said}: ${finding.detail}`;
			emit({type: 'notice', text: `${step.id} @ ${host.id}: ${detail}`});
			if (!ctx.dryRun) {
				options.journal.set(step.id, host.id, {...entry, status: done ? 'done' : 'failed', actionHash: actionHash(hostActions(step, host.id)), detail});
			}
		}
	}

	return undefined;
}
