import type {AnswerValue} from '../answer-types.js';
import {answerSpecs} from '../answers-schema.js';
import type {ResolvedAnswers} from '../answers/resolve-answers.js';
import {InputError} from '../errors.js';
import type {Inventory} from '../inventory-types.js';
import type {Facts, PlannedStep} from '../plan-types.js';
import {renderShell} from '../shell-quote.js';
import {describeEdit} from '../transforms/apply-edits.js';

/**
 * DIR/snf-upgrade-export.json: what ansible-verdict needs to render the exported steps again, exactly as
 * exported (the non-secret answers as resolved then, the inventory, the facts read) and each probe's command
 * line (a different snf-upgrade, or different answers, would judge other commands: refused).
 */
export interface ExportRecord {
	readonly snfUpgradeExport: 1;
	readonly inventory: Inventory;
	readonly answers: Readonly<Record<string, AnswerValue>>;
	readonly only: readonly string[];
	readonly skip: readonly string[];
	readonly facts: Facts;
	/** step id → host id → the probes' command lines, in order. */
	readonly probes: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
	/** step id → host id → each edit as `INDEX PATH (CHECK): the edits, secrets masked` (ansible-edit refuses others). */
	readonly edits: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

const secretKeys = new Set(answerSpecs.filter(spec => spec.type === 'secret').map(spec => spec.key));

export const probeLines = (step: PlannedStep): Record<string, string[]> => {
	const lines: Record<string, string[]> = {};
	for (const probe of step.probes) {
		(lines[probe.host.id] ??= []).push(renderShell(probe.shell, 'mask'));
	}

	return lines;
};

/** The step's edits on each host, by their index among the host's actions, secrets masked. */
export const editLines = (step: PlannedStep): Record<string, string[]> => {
	const lines: Record<string, string[]> = {};
	for (const host of new Set(step.actions.map(action => action.host.id))) {
		for (const [index, action] of step.actions.filter(item => item.host.id === host).entries()) {
			if (action.kind === 'edit') {
				(lines[host] ??= []).push(`${index} ${action.path} (${action.validate}): ${action.edits.map(edit => describeEdit(edit)).join('; ')}`);
			}
		}
	}

	return lines;
};

export function exportRecord(input: {inventory: Inventory; answers: ResolvedAnswers; only: readonly string[]; skip: readonly string[]; facts: Facts; steps: readonly PlannedStep[]}): ExportRecord {
	const answers = Object.fromEntries(Object.entries(input.answers.values()).filter(([key]) => !secretKeys.has(key)));
	const probes = Object.fromEntries(input.steps.filter(step => step.probes.length > 0).map(step => [step.id, probeLines(step)]));
	const edits = Object.fromEntries(input.steps.filter(step => step.actions.some(action => action.kind === 'edit')).map(step => [step.id, editLines(step)]));
	return {snfUpgradeExport: 1, inventory: input.inventory, answers, only: input.only, skip: input.skip, facts: input.facts, probes, edits};
}

export function parseExportRecord(text: string, file: string): ExportRecord {
	let record: Partial<ExportRecord>;
	try {
		record = JSON.parse(text) as Partial<ExportRecord>;
	} catch (error) {
		throw new InputError(`${file} is not JSON: ${(error as Error).message}`, 'Export the plan again: snf-upgrade plan --format ansible --out DIR --force');
	}

	if (record.snfUpgradeExport !== 1 || typeof record.answers !== 'object' || typeof record.inventory !== 'object' || typeof record.facts !== 'object' || typeof record.probes !== 'object' || typeof record.edits !== 'object') {
		throw new InputError(`${file} is not an snf-upgrade export record`, 'Export the plan again: snf-upgrade plan --format ansible --out DIR --force');
	}

	return record as ExportRecord;
}
