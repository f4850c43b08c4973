import type {AnswerSpec, AnswerValue} from '../answer-types.js';
import {printable} from '../printable.js';
import {typeName} from './document-error.js';
import {parseQuota, quotaExpected} from './quota.js';

export type AnswerValidation =
	| {readonly ok: true; readonly value: AnswerValue}
	| {readonly ok: false; readonly expected: string};

const minimumSecretLength = 8;
const lineBreakOrNul = /[\n\r\0]/;
/** No answer but a secret may hold a control character (C0, DEL, C1) or a bidi control: it ends up in plans and messages. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacter = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/**
 * No text answer may start with '-': commands would take it as an option (`oauth2-client-add --help`,
 * `ssh -Efoo@host`). Paths start with '/', URLs with their scheme, numbers are not negative.
 */
const startsAsOption = (text: string): boolean => text.trimStart().startsWith('-');
const notAnOption = (expected: string): string => `${expected}, not starting with '-' (a command would take it as an option)`;

const fail = (expected: string): AnswerValidation => ({ok: false, expected});
const pass = (value: AnswerValue): AnswerValidation => ({ok: true, value});

function matchesPattern(spec: AnswerSpec, text: string): boolean {
	return spec.pattern === undefined || new RegExp(spec.pattern.regex).test(text);
}

function integerExpected(spec: AnswerSpec): string {
	const min = Math.max(spec.min ?? 0, 0);
	return spec.max === undefined ? `a whole number of at least ${min}` : `a whole number from ${min} to ${spec.max}`;
}

/**
 * Synnefo's secrets are printable ASCII (space to ~): on the hosts' Python 2.7 a non-ASCII
 * CYCLADES_STATS_SECRET_KEY raises UnicodeEncodeError in sha256() (synnefo/api/util.py, stats
 * grapher.py at 0.15), and the same str/unicode trap waits in the other settings and tools. The sudo
 * password is the host's own and is only typed at sudo's prompt.
 */
const printableAscii = /^[\u0020-\u007E]*$/;

function secretExpected(spec: AnswerSpec): string {
	return spec.key === 'sudoPassword'
		? 'a non-empty password on one line'
		: `a secret of at least ${minimumSecretLength} characters on one line, printable ASCII only (space to ~: Python 2.7's sha256() in Synnefo fails on others)`;
}

function validateText(spec: AnswerSpec, raw: unknown): AnswerValidation {
	const expected = spec.pattern?.expected ?? 'a non-empty text on one line';
	if (typeof raw === 'string' && startsAsOption(raw)) {
		return fail(notAnOption(expected));
	}

	if (typeof raw !== 'string' || raw.trim() === '' || controlCharacter.test(raw) || !matchesPattern(spec, raw)) {
		return fail(expected);
	}

	return pass(raw);
}

function validateUrl(spec: AnswerSpec, raw: unknown): AnswerValidation {
	const expected = 'an http:// or https:// URL with a host name';
	if (typeof raw !== 'string' || raw !== raw.trim() || /\s/.test(raw) || controlCharacter.test(raw)) {
		return fail(expected);
	}

	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return fail(expected);
	}

	if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || !/^https?:\/\/[^/]/i.test(raw)) {
		return fail(expected);
	}

	return matchesPattern(spec, raw) ? pass(raw) : fail(spec.pattern!.expected);
}

function validatePath(raw: unknown): AnswerValidation {
	if (typeof raw !== 'string' || !raw.startsWith('/') || controlCharacter.test(raw)) {
		return fail('an absolute path (starting with /)');
	}

	return pass(raw);
}

function validateSecret(spec: AnswerSpec, raw: unknown): AnswerValidation {
	const tooShort = spec.key === 'sudoPassword' ? raw === '' : typeof raw === 'string' && raw.length < minimumSecretLength;
	if (typeof raw !== 'string' || tooShort || lineBreakOrNul.test(raw) || (spec.key !== 'sudoPassword' && !printableAscii.test(raw))) {
		return fail(secretExpected(spec));
	}

	return pass(raw);
}

function validateInteger(spec: AnswerSpec, raw: unknown): AnswerValidation {
	if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0) {
		return fail(integerExpected(spec));
	}

	if ((spec.min !== undefined && raw < spec.min) || (spec.max !== undefined && raw > spec.max)) {
		return fail(integerExpected(spec));
	}

	return pass(raw);
}

function validateList(spec: AnswerSpec, raw: unknown): AnswerValidation {
	const itemExpected = spec.pattern?.expected ?? 'a non-empty text';
	const expected = `a list of texts, each ${itemExpected}`;
	if (!Array.isArray(raw)) {
		return fail(expected);
	}

	for (const [index, item] of raw.entries()) {
		if (typeof item !== 'string' || item.trim() === '' || controlCharacter.test(item) || startsAsOption(item) || !matchesPattern(spec, item)) {
			const shown = typeof item === 'string' ? printable(JSON.stringify(item)) : typeName(item);
			const wanted = typeof item === 'string' && startsAsOption(item) ? notAnOption(expected) : expected;
			return fail(`${wanted} (item ${index + 1}, ${shown}, is not)`);
		}
	}

	return pass([...raw as string[]]);
}

function validateQuota(raw: unknown): AnswerValidation {
	const text = typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0 ? String(raw) : raw;
	const quota = typeof text === 'string' ? parseQuota(text) : undefined;
	return quota === undefined ? fail(quotaExpected) : pass(quota.canonical);
}

function validateChoice(spec: AnswerSpec, raw: unknown): AnswerValidation {
	const choices = spec.choices ?? [];
	if (typeof raw !== 'string' || !choices.includes(raw)) {
		return fail(`one of ${choices.map(choice => `'${choice}'`).join(', ')}`);
	}

	return pass(raw);
}

/**
 * The one validator of a single answer value, used by the answers file, --set and the prompts.
 * `raw` is the value in its JSON form (number, boolean, string, array of strings);
 * text typed by a person goes through parseAnswerText first.
 * The valid value comes back normalised (quota → canonical text such as "40G" or "inf").
 */
export function validateAnswer(spec: AnswerSpec, raw: unknown): AnswerValidation {
	switch (spec.type) {
		case 'string': {
			return validateText(spec, raw);
		}

		case 'url': {
			return validateUrl(spec, raw);
		}

		case 'path': {
			return validatePath(raw);
		}

		case 'secret': {
			return validateSecret(spec, raw);
		}

		case 'integer': {
			return validateInteger(spec, raw);
		}

		case 'boolean': {
			return typeof raw === 'boolean' ? pass(raw) : fail('true or false');
		}

		case 'list': {
			return validateList(spec, raw);
		}

		case 'quota': {
			return validateQuota(raw);
		}

		case 'choice': {
			return validateChoice(spec, raw);
		}
	}
}
