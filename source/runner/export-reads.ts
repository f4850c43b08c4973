import {fileKey} from '../domain/ansible/ansible-context.js';
import type {ExportedFile} from '../domain/ansible/ansible-edits.js';
import {OperationError} from '../domain/errors.js';
import type {Facts, PlannedStep} from '../domain/plan-types.js';
import {readFacts} from './check-steps.js';
import type {RunnerContext} from './run-command.js';

export interface ExportReads {
	/** Every step rendered with the facts it reads (read now), in plan order. */
	readonly steps: readonly PlannedStep[];
	/** Every fact read, by key (what ansible-verdict renders the steps with again). */
	readonly facts: Facts;
	/** Every file an edit changes, as it is now. */
	readonly files: ReadonlyMap<string, ExportedFile>;
}

/**
 * What the Ansible export needs from the hosts, read-only (ctx must be a dry run): each step's facts, the
 * step rendered again with them, and every file an edit of it changes (read once, as the runner reads it).
 * A fact or a file that cannot be read stops the export.
 */
export async function readForExport(ctx: RunnerContext, steps: readonly PlannedStep[], rerender: (step: PlannedStep, facts: Facts) => PlannedStep): Promise<ExportReads> {
	const rendered: PlannedStep[] = [];
	const facts: Record<string, string> = {};
	const files = new Map<string, ExportedFile>();
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

		for (const action of step.actions) {
			const key = action.kind === 'edit' ? fileKey(action.host, action.path) : undefined;
			if (action.kind === 'edit' && !files.has(key!)) {
				const snapshot = await ctx.options.edits.read(ctx.options.executors.get(action.host), action.path, ctx.options.signal);
				files.set(key!, {text: snapshot.text, sha256: snapshot.sha256, target: snapshot.target});
			}
		}

		rendered.push(step);
	}

	return {steps: rendered, facts, files};
}
