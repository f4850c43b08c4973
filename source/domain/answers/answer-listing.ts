import type {AnswerSpec, AnswerValue} from '../answer-types.js';
import {sections} from '../sections.js';

/** One row of `snf-upgrade answers --list`; the JSON form is this object, in this key order. */
export interface AnswerListEntry {
	readonly key: string;
	readonly type: string;
	readonly section: string;
	/** The runbook default as text, "derived: <rule>" for derived keys, null when there is none. */
	readonly default: string | null;
	/** The derivation rule in words (from the description), null when not derived. */
	readonly derived: string | null;
	readonly secret: boolean;
	readonly optional: boolean;
	readonly description: string;
	readonly choices: readonly string[] | null;
}

/** "base URL + identity/v2.0" out of "… (default: base URL + identity/v2.0)". */
export function derivationRule(spec: AnswerSpec): string {
	return /\(default: ([^)]*)\)/.exec(spec.description)?.[1] ?? 'computed from other answers';
}

export function formatAnswerValue(value: AnswerValue): string {
	if (Array.isArray(value)) {
		return value.length === 0 ? '(empty list)' : value.join(',');
	}

	return String(value);
}

export function answerListing(specs: readonly AnswerSpec[]): AnswerListEntry[] {
	return specs.map(spec => {
		const derived = spec.derive ? derivationRule(spec) : null;
		let defaultText: string | null = null;
		if (derived !== null) {
			defaultText = `derived: ${derived}`;
		} else if (spec.default !== undefined) {
			defaultText = formatAnswerValue(spec.default);
		}

		return {
			key: spec.key,
			type: spec.type,
			section: spec.section,
			default: defaultText,
			derived,
			secret: spec.type === 'secret',
			optional: spec.optional === true,
			description: spec.description,
			choices: spec.choices ? [...spec.choices] : null,
		};
	});
}

function sectionHeading(section: string): string {
	const info = sections.find(candidate => candidate.id === section);
	return info ? `${info.number} ${info.title} (${info.id})` : section;
}

function rowNotes(spec: AnswerSpec, entry: AnswerListEntry): string {
	const notes: string[] = [];
	if (entry.default !== null) {
		notes.push(entry.derived === null ? `default: ${entry.default}` : entry.default);
	} else if (spec.generate) {
		notes.push('generated when not given');
	} else if (!entry.optional) {
		notes.push('required');
	}

	if (entry.optional) {
		notes.push('optional');
	}

	if (entry.secret) {
		notes.push('secret');
	}

	if (entry.choices) {
		notes.push(`${spec.type === 'choice' ? 'one of' : 'e.g.'} ${entry.choices.map(choice => `'${choice}'`).join(', ')}`);
	}

	return notes.join('; ');
}

/** The text form: keys grouped by section, one line of facts and one of description each. */
export function renderAnswerListText(specs: readonly AnswerSpec[]): string {
	const entries = answerListing(specs);
	const keyWidth = Math.max(...entries.map(entry => entry.key.length));
	const lines: string[] = [];
	let section: string | undefined;
	for (const [index, entry] of entries.entries()) {
		if (entry.section !== section) {
			section = entry.section;
			lines.push(...(lines.length > 0 ? [''] : []), sectionHeading(section));
		}

		lines.push(
			`  ${entry.key.padEnd(keyWidth)}  ${entry.type.padEnd(7)}  ${rowNotes(specs[index]!, entry)}`,
			`  ${' '.repeat(keyWidth)}  ${entry.description}`,
		);
	}

	return lines.join('\n') + '\n';
}
