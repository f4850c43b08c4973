import type {PyValue, SecretPyValue} from '../action-types.js';
import {secretMask, secretVariable, type SecretMode} from '../shell-quote.js';

/**
 * Python source for a value, as written into a Synnefo settings file.
 *
 * The hosts run Python 2.7 and the settings files carry no coding declaration, so the text is
 * ASCII-only and means the same value in Python 2.7 and 3: strings in single quotes with escapes,
 * and a u'' literal with \uXXXX / \UXXXXXXXX escapes when the string has non-ASCII characters.
 * Secrets render their value in 'reveal' mode, '••••' in 'mask' mode and '$SNF_…' (the sh plan's variable) in
 * 'reference' mode (previews only).
 */
export function pythonLiteral(value: PyValue, mode: SecretMode): string {
	return render(value, mode, '', true);
}

/** The same value on one line (dicts inline), for one-line previews. */
export function pythonLiteralInline(value: PyValue, mode: SecretMode): string {
	return render(value, mode, '', false);
}

export function isSecretPyValue(value: PyValue): value is SecretPyValue {
	return typeof value === 'object' && value !== null && 'secret' in value;
}

function hex(codePoint: number, width: number): string {
	return codePoint.toString(16).padStart(width, '0');
}

/** A Python string literal for text: ASCII-only, same value in Python 2.7 and 3. */
export function pythonString(text: string): string {
	let body = '';
	let unicode = false;
	for (const char of text) {
		const code = char.codePointAt(0)!;
		if (char === '\\') {
			body += '\\\\';
		} else if (char === '\'') {
			body += '\\\'';
		} else if (char === '\n') {
			body += '\\n';
		} else if (char === '\r') {
			body += '\\r';
		} else if (char === '\t') {
			body += '\\t';
		} else if (code < 0x20 || code === 0x7F) {
			body += `\\x${hex(code, 2)}`;
		} else if (code < 0x80) {
			body += char;
		} else {
			unicode = true;
			body += code <= 0xFF_FF ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`;
		}
	}

	return `${unicode ? 'u' : ''}'${body}'`;
}

function renderNumber(value: number): string {
	if (!Number.isFinite(value)) {
		throw new Error(`Cannot write ${String(value)} into a Python settings file.`);
	}

	if (Number.isInteger(value)) {
		// BigInt keeps large integers integral (String(1e21) would be the float '1e+21').
		return BigInt(value).toString();
	}

	// JavaScript's shortest round-trip form is valid Python float syntax (0.5, 1e-7, 1.5e+300).
	return String(value);
}

function render(value: PyValue, mode: SecretMode, indent: string, multiline: boolean): string {
	if (value === null) {
		return 'None';
	}

	if (typeof value === 'boolean') {
		return value ? 'True' : 'False';
	}

	if (typeof value === 'number') {
		return renderNumber(value);
	}

	if (typeof value === 'string') {
		return pythonString(value);
	}

	if (isSecretPyValue(value)) {
		if (mode === 'reference') {
			return `'$${secretVariable(value.secret)}'`;
		}

		return mode === 'reveal' ? pythonString(value.value) : `'${secretMask}'`;
	}

	if ('tuple' in value) {
		const items = value.tuple.map(item => render(item, mode, indent, multiline));
		return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
	}

	if ('list' in value) {
		return `[${value.list.map(item => render(item, mode, indent, multiline)).join(', ')}]`;
	}

	if (value.dict.length === 0) {
		return '{}';
	}

	if (!multiline) {
		const entries = value.dict.map(([key, item]) => `${pythonString(key)}: ${render(item, mode, indent, false)}`);
		return `{${entries.join(', ')}}`;
	}

	const inner = `${indent}    `;
	const lines = value.dict.map(([key, item]) => `${inner}${pythonString(key)}: ${render(item, mode, inner, true)},\n`);
	return `{\n${lines.join('')}${indent}}`;
}
