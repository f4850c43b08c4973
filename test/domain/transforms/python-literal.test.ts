import {describe, expect, it} from 'vitest';
import type {PyValue} from '../../../source/domain/action-types.js';
import {pythonLiteral, pythonLiteralInline} from '../../../source/domain/transforms/python-literal.js';
import {evaluateSettings} from './python-oracle.js';

const tricky: Array<[string, string]> = [
	['single quote', 'it\'s'],
	['double quote', 'say "hi"'],
	['both quotes', `'"'"`],
	['backslashes', String.raw`C:\new\table\\x`],
	['command substitution', '$(touch /tmp/pwned)'],
	['backticks', '`id`'],
	['greek and check mark', 'κωδικός ✓'],
	['emoji', 'key 🔑 end'],
	['newlines', 'a\nb\r\nc\td'],
	['control characters', '\u0000\u0001\u001B[0m\u007F'],
	['empty', ''],
	['percent format', 'snf-%(id)s.vm.example.synnefo.org'],
	['triple quotes', '\'\'\' """'],
	['trailing backslash', 'ends with \\'],
];

describe('pythonLiteral', () => {
	it('writes the documented forms', () => {
		expect(pythonLiteral('https://accounts.example.synnefo.org/identity/v2.0', 'reveal')).toBe('\'https://accounts.example.synnefo.org/identity/v2.0\'');
		expect(pythonLiteral('it\'s', 'reveal')).toBe(String.raw`'it\'s'`);
		expect(pythonLiteral('κ', 'reveal')).toBe(String.raw`u'\u03ba'`);
		expect(pythonLiteral('🔑', 'reveal')).toBe(String.raw`u'\U0001f511'`);
		expect(pythonLiteral(true, 'reveal')).toBe('True');
		expect(pythonLiteral(false, 'reveal')).toBe('False');
		expect(pythonLiteral(null, 'reveal')).toBe('None');
		expect(pythonLiteral(24_999, 'reveal')).toBe('24999');
		expect(pythonLiteral(0.5, 'reveal')).toBe('0.5');
		expect(pythonLiteral({tuple: []}, 'reveal')).toBe('()');
		expect(pythonLiteral({tuple: ['a']}, 'reveal')).toBe('(\'a\',)');
		expect(pythonLiteral({tuple: [null, null]}, 'reveal')).toBe('(None, None)');
		expect(pythonLiteral({list: ['local', 'shibboleth']}, 'reveal')).toBe('[\'local\', \'shibboleth\']');
		expect(pythonLiteral({dict: []}, 'reveal')).toBe('{}');
		expect(pythonLiteral({dict: [['auth_user', 'synnefo'], ['server_port', 24_999]]}, 'reveal'))
			.toBe('{\n    \'auth_user\': \'synnefo\',\n    \'server_port\': 24999,\n}');
	});

	it('masks secrets in mask mode and reveals them in reveal mode', () => {
		const value: PyValue = {tuple: ['pithos-view', {secret: 'pithosSecret', value: 's3cr3t\'x'}]};
		expect(pythonLiteral(value, 'mask')).toBe('(\'pithos-view\', \'••••\')');
		expect(pythonLiteral(value, 'reveal')).toBe(String.raw`('pithos-view', 's3cr3t\'x')`);
	});

	it('indents nested dicts and has an inline form for previews', () => {
		const value: PyValue = {dict: [['outer', {dict: [['inner', 1]]}], ['list', {list: [{dict: [['k', 'v']]}]}]]};
		expect(pythonLiteral(value, 'reveal')).toBe('{\n    \'outer\': {\n        \'inner\': 1,\n    },\n    \'list\': [{\n        \'k\': \'v\',\n    }],\n}');
		expect(pythonLiteralInline(value, 'reveal')).toBe('{\'outer\': {\'inner\': 1}, \'list\': [{\'k\': \'v\'}]}');
	});

	it('refuses numbers Python cannot read back', () => {
		expect(() => pythonLiteral(Number.NaN, 'reveal')).toThrow(/NaN/);
		expect(() => pythonLiteral(Number.POSITIVE_INFINITY, 'reveal')).toThrow(/Infinity/);
	});

	it('means the same value in python (oracle), ASCII only', () => {
		const numbers: Array<[string, number]> = [['int', 24_999], ['negative', -3], ['big', 2 ** 62], ['float', 0.1], ['tiny', 1e-7]];
		const entries: Array<[string, PyValue]> = [
			...tricky.map(([, text], index): [string, PyValue] => [`S${index}`, text]),
			...tricky.map(([, text], index): [string, PyValue] => [`SECRET${index}`, {secret: 'x', value: text}]),
			...numbers.map(([, number], index): [string, PyValue] => [`N${index}`, number]),
			['TUPLE1', {tuple: ['only']}],
			['NESTED', {dict: [['a', {list: [1, {tuple: [true, null]}]}], ['κλειδί', {dict: [['x', 'y']]}]]}],
		];
		const text = entries.map(([name, value]) => `${name} = ${pythonLiteral(value, 'reveal')}\n`).join('');
		expect(text).toMatch(/^[\t\n\r -~]*$/);
		const result = evaluateSettings(text, entries.map(([name]) => name));
		for (const [index, [, value]] of tricky.entries()) {
			expect(result.values[`S${index}`]).toBe(value);
			expect(result.values[`SECRET${index}`]).toBe(value);
			expect(result.types[`S${index}`]).toBe('str');
		}

		for (const [index, [, value]] of numbers.entries()) {
			expect(result.values[`N${index}`]).toBe(value);
		}

		expect(result.types['N2']).toMatch(/^(int|long)$/);
		expect(result.types['N3']).toBe('float');
		expect(result.values['TUPLE1']).toEqual(['only']);
		expect(result.types['TUPLE1']).toBe('tuple');
		expect(result.values['NESTED']).toEqual({'a': [1, [true, null]], 'κλειδί': {x: 'y'}});
	});
});
