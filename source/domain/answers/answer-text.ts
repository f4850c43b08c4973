import type {AnswerSpec} from '../answer-types.js';
import {printable} from '../printable.js';
import {typeName} from './document-error.js';
import {validateAnswer, type AnswerValidation} from './validate-answer.js';

const trueWords = new Set(['true', 'yes', '1']);
const falseWords = new Set(['false', 'no', '0']);

/**
 * Text (a --set value, a line typed at a prompt) → validated value: lists are comma-separated
 * (empty text = empty list), booleans true/false/yes/no/1/0, integers in decimal.
 */
export function parseAnswerText(spec: AnswerSpec, text: string): AnswerValidation {
	switch (spec.type) {
		case 'integer': {
			return validateAnswer(spec, /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : text);
		}

		case 'boolean': {
			const word = text.trim().toLowerCase();
			if (trueWords.has(word) || falseWords.has(word)) {
				return {ok: true, value: trueWords.has(word)};
			}

			return {ok: false, expected: 'true or false (also yes/no, 1/0)'};
		}

		case 'list': {
			return validateAnswer(spec, text.trim() === '' ? [] : text.split(',').map(item => item.trim()));
		}

		case 'secret': {
			return validateAnswer(spec, text);
		}

		default: {
			return validateAnswer(spec, text.trim());
		}
	}
}

/** How a rejected value is shown in an error message; never reveals a secret. */
export function describeGiven(spec: AnswerSpec, raw: unknown): string {
	if (spec.type === 'secret') {
		return typeof raw === 'string' ? `a secret of ${raw.length} characters` : typeName(raw);
	}

	if (typeof raw === 'string') {
		return printable(JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw));
	}

	if (typeof raw === 'number' || typeof raw === 'boolean') {
		return String(raw);
	}

	return Array.isArray(raw) ? printable(JSON.stringify(raw).slice(0, 80)) : typeName(raw);
}
