import type {EditAction, PyValue} from '../action-types.js';

function valueSecrets(value: PyValue): string[] {
	if (value === null || typeof value !== 'object') {
		return [];
	}

	if ('secret' in value) {
		return [value.secret];
	}

	if ('dict' in value) {
		return value.dict.flatMap(([, item]) => valueSecrets(item));
	}

	return ('tuple' in value ? value.tuple : value.list).flatMap(item => valueSecrets(item));
}

/** The secret answer keys an edit writes into its file. */
export const editSecrets = (action: EditAction): string[] =>
	[...new Set(action.edits.flatMap(edit => (edit.op === 'python-set' ? valueSecrets(edit.value) : [])))];
