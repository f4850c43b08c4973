import type {Answers} from '../answer-types.js';
import type {Inventory} from '../inventory-types.js';
import {parseInventory} from '../inventory/parse-inventory.js';
import {parseAnswersSection} from './answers-section.js';
import {didYouMean} from './did-you-mean.js';
import {documentError, isPlainObject, typeName} from './document-error.js';
import {locateJsonError} from './json-error.js';
import {printable, quoted} from '../printable.js';

const documentFields = ['version', 'inventory', 'answers'];

export interface AnswersDocument {
	readonly answers: Answers;
	/** Undefined when the document has no inventory (the plan then shows placeholder hosts). */
	readonly inventory: Inventory | undefined;
}

function parseJson(text: string, fileName: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		const where = locateJsonError(text) ?? {line: 1, column: 1, problem: 'not valid JSON'};
		throw documentError(fileName, '', `invalid JSON at line ${where.line}, column ${where.column}: ${where.problem}`);
	}
}

/**
 * An answers file (JSON): {"version": 1, "inventory": {…}, "answers": {…}}.
 * Every problem is an InputError naming the file and the key (or line), with what is expected.
 */
export function parseAnswersDocument(text: string, fileName: string, env: Readonly<Record<string, string | undefined>>): AnswersDocument {
	const document = parseJson(text.replace(/^\uFEFF/, ''), fileName);
	if (!isPlainObject(document)) {
		throw documentError(fileName, '', `expected a JSON object with "version", "inventory" and "answers", got ${typeName(document)}`);
	}

	for (const key of Object.keys(document)) {
		if (!documentFields.includes(key)) {
			throw documentError(fileName, '', `unknown field ${quoted(key)}${didYouMean(key, documentFields)} (expected ${documentFields.join(', ')})`);
		}
	}

	const {version, inventory, answers} = document;
	if (version !== 1) {
		const got = version === undefined ? 'nothing' : printable(JSON.stringify(version));
		throw documentError(fileName, 'version', `expected 1, got ${got}`, 'This snf-upgrade reads answers files of version 1: write "version": 1 (a file of another version comes from another snf-upgrade).');
	}

	return {
		answers: answers === undefined ? {} : parseAnswersSection(answers, fileName, env),
		inventory: inventory === undefined || inventory === null ? undefined : parseInventory(inventory, fileName),
	};
}
