import type {EditAction, FileEdit, PyValue} from '../action-types.js';
import {applyEdits} from '../transforms/apply-edits.js';
import {pythonString} from '../transforms/python-literal.js';
import {secretVariable} from './ansible-names.js';

/** A file as read from its host when the plan was exported. */
export interface ExportedFile {
	readonly text: string;
	readonly sha256: string;
	/** The file the path leads to (readlink -f): the one written. */
	readonly target: string;
}

/** File content in parts: literal text, and secret answers written as Python string literals when the playbook runs. */
export type ContentPart = string | {readonly secret: string};

const marker = (key: string): string => `@@SNF_SECRET:${key}@@`;
const quotedMarker = /'@@SNF_SECRET:([A-Za-z]+)@@'/g;

function withMarkers(value: PyValue): PyValue {
	if (value === null || typeof value !== 'object') {
		return value;
	}

	if ('secret' in value) {
		return {secret: value.secret, value: marker(value.secret)};
	}

	if ('tuple' in value) {
		return {tuple: value.tuple.map(item => withMarkers(item))};
	}

	if ('list' in value) {
		return {list: value.list.map(item => withMarkers(item))};
	}

	return {dict: value.dict.map(([key, item]) => [key, withMarkers(item)] as const)};
}

const markedEdit = (edit: FileEdit): FileEdit => (edit.op === 'python-set' ? {...edit, value: withMarkers(edit.value)} : edit);

/** The parts as one text with every secret as the quoted marker the transforms carry through unchanged. */
const markedText = (parts: readonly ContentPart[]): string => parts.map(part => (typeof part === 'string' ? part : pythonString(marker(part.secret)))).join('');

function splitMarkers(text: string, where: string): ContentPart[] {
	const parts: ContentPart[] = [];
	let last = 0;
	for (const match of text.matchAll(quotedMarker)) {
		parts.push(text.slice(last, match.index));
		parts.push({secret: match[1]!});
		last = match.index + match[0].length;
	}

	parts.push(text.slice(last));
	if (parts.some(part => typeof part === 'string' && part.includes('@@SNF_SECRET:'))) {
		throw new Error(`${where}: a secret is not written as a plain Python string: the export cannot template it`);
	}

	return parts.filter(part => part !== '');
}

/** The content an edit produces from the content before it (the file as exported, or an earlier edit's result). */
export function editedContent(before: readonly ContentPart[], action: EditAction): ContentPart[] {
	const where = `${action.host.id}:${action.path}`;
	if (markedText(before).split('@@SNF_SECRET:').length - 1 !== before.filter(part => typeof part !== 'string').length) {
		throw new Error(`${where} already holds the text @@SNF_SECRET: the export cannot tell it from its secret markers`);
	}

	return splitMarkers(applyEdits(markedText(before), action.edits.map(edit => markedEdit(edit)), 'reveal'), where);
}

/** The secret answer keys the content holds. */
export const contentSecrets = (parts: readonly ContentPart[]): string[] => parts.flatMap(part => (typeof part === 'string' ? [] : [part.secret]));

/**
 * A Jinja expression for the content, its literal parts taken from the list variable `partsVariable`
 * (whose items are !unsafe) and each secret written as a JSON string, which Python reads as the same
 * string (secrets are printable ASCII).
 */
export function contentExpression(parts: readonly ContentPart[], partsVariable: string): string {
	let literal = 0;
	const terms = parts.map(part => (typeof part === 'string' ? `${partsVariable}[${literal++}]` : `(${secretVariable(part.secret)} | string | to_json)`));
	return `{{ ${terms.length === 0 ? '""' : terms.join(' ~ ')} }}`;
}

export const literalParts = (parts: readonly ContentPart[]): string[] => parts.filter((part): part is string => typeof part === 'string');
