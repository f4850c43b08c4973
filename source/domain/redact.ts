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

/** Masks secrets in a text; cutAt says where a text may be cut so that each side can be masked alone. */
export interface Redactor {
	(text: string): string;
	/**
	 * The first position at or after `at` (0 < at < text.length) where `text` can be cut so that masking
	 * each side alone gives what masking the whole would, whatever follows `text` (or nothing, when `ended`):
	 * no secret form that starts before the cut ends after it, and none may start before it and go on past
	 * the end of `text`. Undefined when that cannot be told yet: fewer than the longest form's length less
	 * one characters follow `at` and `text` has not ended.
	 */
	cutAt(text: string, at: number, ended: boolean): number | undefined;
	/** Some form of a secret holds a carriage return (a secret may hold control characters): a lone CR there must not end a line. */
	readonly holdsCarriageReturn: boolean;
}

/**
 * A function that replaces every occurrence of each secret, and of its shell-quoted, Python
 * literal, JSON-escaped and URL-encoded forms, with '••••'. Longest forms first; empty secrets
 * are ignored. One precompiled regular expression, so it is cheap per chunk of streamed output
 * (a secret split across two chunks is not caught: redact whole lines, or cut them where cutAt says).
 */
export function createRedactor(secrets: readonly string[]): Redactor {
	const forms = [...new Set(secrets.filter(secret => secret !== '').flatMap(secret => encodedForms(secret)))];
	if (forms.length === 0) {
		return Object.assign((text: string) => text, {cutAt: (_text: string, at: number) => at, holdsCarriageReturn: false});
	}

	forms.sort((left, right) => right.length - left.length);
	const longest = forms[0]!.length;
	const pattern = new RegExp(forms.map(form => escapeRegExp(form)).join('|'), 'g');
	return Object.assign((text: string) => text.replace(pattern, secretMask), {
		holdsCarriageReturn: forms.some(form => form.includes('\r')),
		cutAt(text: string, at: number, ended: boolean) {
			if (!ended && at + longest - 1 > text.length) {
				return undefined;
			}

			// The replace scans from the start, trying the forms longest first at each position and going on after
			// a match: where it tries and what it finds before `at` depends on the text up to at + longest - 1 only.
			for (const match of text.slice(0, at + longest - 1).matchAll(pattern)) {
				if (match.index >= at) {
					break;
				}

				if (match.index + match[0].length > at) {
					return match.index + match[0].length;
				}
			}

			return at;
		},
	});
}
