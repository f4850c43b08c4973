import {secretMask, shellQuote} from './shell-quote.js';
import {pythonString} from './transforms/python-literal.js';

function escapeRegExp(text: string): string {
	return text.replaceAll(/[\\^$.*+?()[\]{}|]/g, String.raw`\$&`);
}

/** The text between the first and the last quote of a literal (drops a u prefix too). */
function unquoted(literal: string): string {
	return literal.replace(/^u?['"]/, '').slice(0, -1);
}

/** Python's json.dumps default (ensure_ascii): non-ASCII as \uXXXX escapes (UTF-16 units). */
function jsonAscii(value: string): string {
	return JSON.stringify(value).replaceAll(/[\u0080-\uFFFF]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Python's repr of a string: double quotes when it has a single quote and no double quote. */
function pythonRepr(value: string): string {
	if (value.includes('\'') && !value.includes('"')) {
		const literal = pythonString(value);
		const prefix = literal.startsWith('u') ? 'u' : '';
		return `${prefix}"${unquoted(literal).replaceAll('\\\'', '\'')}"`;
	}

	return pythonString(value);
}

/**
 * The inside of Python's repr of the secret, whichever Python prints it: Python 3 keeps printable
 * non-ASCII characters, Python 2 (and ascii()) escape a unicode string as \xNN / \uXXXX / \UXXXXXXXX,
 * and a Python 2 byte string (or Python 3 bytes) shows its UTF-8 bytes as \xNN. Each with the single
 * quote escaped (single-quoted repr) and not (double-quoted repr).
 */
function pythonReprBodies(value: string): string[] {
	const hex = (code: number, width: number) => code.toString(16).padStart(width, '0');
	const control: Record<string, string> = {'\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r'};
	const escape = (char: string, nonAscii: (char: string) => string): string => {
		const code = char.codePointAt(0)!;
		if (control[char] !== undefined) {
			return control[char];
		}

		if (code < 0x20 || code === 0x7F) {
			return `\\x${hex(code, 2)}`;
		}

		return code < 0x80 ? char : nonAscii(char);
	};

	const unicodeEscape = (char: string) => {
		const code = char.codePointAt(0)!;
		return code < 0x1_00 ? `\\x${hex(code, 2)}` : (code < 0x1_00_00 ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`);
	};

	const utf8Escape = (char: string) => [...new TextEncoder().encode(char)].map(byte => `\\x${hex(byte, 2)}`).join('');
	const keep = (char: string) => char;
	const bodies = [keep, unicodeEscape, utf8Escape].map(nonAscii => [...value].map(char => escape(char, nonAscii)).join(''));
	return bodies.flatMap(body => [body, body.replaceAll('\'', String.raw`\'`)]);
}

/** Every way a secret can appear in output, command lines, files and URLs. */
export function encodedForms(secret: string): string[] {
	const quoted = shellQuote(secret);
	const uri = encodeURIComponent(secret);
	const strictUri = uri.replaceAll(/[!'()*]/g, char => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
	const forms = [
		secret,
		quoted,
		secret.replaceAll('\'', String.raw`'\''`),
		pythonString(secret),
		unquoted(pythonString(secret)),
		pythonRepr(secret),
		unquoted(pythonRepr(secret)),
		JSON.stringify(secret).slice(1, -1),
		jsonAscii(secret).slice(1, -1),
		uri,
		uri.replaceAll('%20', '+'),
		strictUri,
		strictUri.replaceAll('%20', '+'),
		strictUri.replaceAll(/%[0-9A-F]{2}/g, escape => escape.toLowerCase()),
		...pythonReprBodies(secret),
	];
	return [...new Set(forms)].filter(form => form !== '');
}

/**
 * A function that replaces every occurrence of each secret, and of its shell-quoted, Python
 * literal, JSON-escaped and URL-encoded forms, with '••••'. Longest forms first; empty secrets
 * are ignored. One precompiled regular expression, so it is cheap per chunk of streamed output
 * (a secret split across two chunks is not caught: redact whole lines).
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
	const forms = [...new Set(secrets.filter(secret => secret !== '').flatMap(secret => encodedForms(secret)))];
	if (forms.length === 0) {
		return text => text;
	}

	forms.sort((left, right) => right.length - left.length);
	const pattern = new RegExp(forms.map(form => escapeRegExp(form)).join('|'), 'g');
	return text => text.replace(pattern, secretMask);
}
