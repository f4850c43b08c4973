import {OperationError} from '../domain/errors.js';
import type {Facts, PlannedStep} from '../domain/plan-types.js';
import {readFacts} from './read-facts.js';
import type {RunnerContext} from './run-command.js';

export interface ExportReads {
	/** Every step rendered with the facts it reads (read now), in plan order. */
	readonly steps: readonly PlannedStep[];
	/** Every fact read, by key (what ansible-verdict and ansible-edit render the steps with again). */
	readonly facts: Facts;
}

/**
 * What the Ansible export needs from the hosts, read-only (ctx must be a dry run): each step's facts and the
 * step rendered again with them. A fact that cannot be read stops the export. (Files are read when the
 * playbook edits them.)
 */
export async function readForExport(ctx: RunnerContext, steps: readonly PlannedStep[], rerender: (step: PlannedStep, facts: Facts) => PlannedStep): Promise<ExportReads> {
	const rendered: PlannedStep[] = [];
	const facts: Record<string, string> = {};
	for (const planned of steps) {
		let step = planned;
		if (planned.skipped === undefined && planned.facts.length > 0) {
			const read = await readFacts(ctx, planned);
			if (typeof read === 'string') {
				throw new OperationError(`cannot export the plan: ${read}`, {host: planned.facts[0]!.host.label, command: planned.id});
			}

			Object.assign(facts, read);
			step = rerender(planned, read);
		}

		rendered.push(step);
	}

	return {steps: rendered, facts};
}
