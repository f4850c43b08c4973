import {InputError} from '../errors.js';
import {printable} from '../printable.js';

/** An InputError about one place in an answers/inventory document: "FILE: PATH: MESSAGE" (file and path printable). */
export function documentError(fileName: string, path: string, message: string, hint?: string): InputError {
	const file = printable(fileName);
	return new InputError(path === '' ? `${file}: ${message}` : `${file}: ${printable(path)}: ${message}`, hint);
}

export function isPlainObject(raw: unknown): raw is Readonly<Record<string, unknown>> {
	return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

/** "an object", "a list", "null", "a number" … for "expected X, got Y". */
export function typeName(raw: unknown): string {
	if (raw === null) {
		return 'null';
	}

	if (Array.isArray(raw)) {
		return 'a list';
	}

	return typeof raw === 'object' ? 'an object' : `a ${typeof raw}`;
}
