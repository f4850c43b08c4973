import {describe, expect, it} from 'vitest';
import {locateJsonError} from '../../../source/domain/answers/json-error.js';

/** The scanner must agree with JSON.parse on what is valid. */
const samples = [
	'{}', '[]', '1', '-0.5e+3', '"a\\u00e9\\n"', 'true', ' null ', '{"a": [1, {"b": false}], "c": "x"}',
	'', ' ', '{', '}', '[1,]', '{"a":1,}', '{"a" 1}', '{a: 1}', "{'a': 1}", '01', '1.', '.5', '+1', '"\\x"', '"\\u12"',
	'"a\nb"', 'tru', 'nul', '[1 2]', '{"a":1}}', '{"a":1} x', '"unterminated', '[', '{"a":', 'NaN', '-', '1e', '[,1]',
];

describe('locateJsonError', () => {
	it.each(samples)('agrees with JSON.parse on %j', text => {
		let valid = true;
		try {
			JSON.parse(text);
		} catch {
			valid = false;
		}

		expect(locateJsonError(text) === undefined).toBe(valid);
	});

	it.each([
		['{\n  "a": 1,\n}', 3, 1, "unexpected '}' (a trailing comma is not allowed in JSON)"],
		['{\n\t"a": tru\n}', 2, 7, "unexpected 't' (expected a value: object, list, string, number, true, false or null)"],
		['{"a": "x\ny"}', 1, 9, 'control character (such as a line break) inside a string'],
		['{"a": 1', 1, 8, 'unexpected end of file'],
		['{"a": 1}\n\nx', 3, 1, "unexpected 'x' after the end of the document"],
	] as const)('locates %j at line %i, column %i', (text, line, column, problem) => {
		expect(locateJsonError(text)).toEqual({line, column, problem});
	});
});
