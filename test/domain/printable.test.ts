import {describe, expect, it} from 'vitest';
import {printable, quoted} from '../../source/domain/printable.js';

describe('printable', () => {
	it.each([
		['plain ASCII stays', 'snf-manage oauth2-client-add', 'snf-manage oauth2-client-add'],
		['Unicode letters stay', 'κωδικός ✓ 名前', 'κωδικός ✓ 名前'],
		['ESC (a colour sequence)', '\u001B[31mred', String.raw`\x1b[31mred`],
		['BEL', 'ring\u0007', String.raw`ring\x07`],
		['OSC title change ended by BEL', '\u001B]0;pwned\u0007', String.raw`\x1b]0;pwned\x07`],
		['NUL', 'a\u0000b', String.raw`a\x00b`],
		['line break and carriage return', 'a\nb\rc', String.raw`a\x0ab\x0dc`],
		['tab', 'a\tb', String.raw`a\x09b`],
		['DEL', 'a\u007Fb', String.raw`a\x7fb`],
		['C1 CSI (8-bit escape)', '\u009B2J', String.raw`\x9b2J`],
		['C1 NEL and the last C1', '\u0085\u009F', String.raw`\x85\x9f`],
		['right-to-left override', 'gnp\u202Eexe', String.raw`gnp\u202eexe`],
		['bidi isolates', '\u2066a\u2069', String.raw`\u2066a\u2069`],
		['Arabic letter mark and LRM/RLM', '\u061C\u200E\u200F', String.raw`\u061c\u200e\u200f`],
		['zero-width space and BOM', 'a\u200Bb\uFEFF', String.raw`a\u200bb\ufeff`],
		['line and paragraph separators', '\u2028\u2029', String.raw`\u2028\u2029`],
		['a printable character beside the ranges stays', '\u00A0\u00E9\u2030', '\u00A0\u00E9\u2030'],
	])('%s', (_name, input, expected) => {
		expect(printable(input)).toBe(expected);
	});

	it('is idempotent: escaping an escaped text changes nothing', () => {
		const once = printable('\u001B[2J\u009B\u202E');
		expect(printable(once)).toBe(once);
	});

	it('leaves no control, C1 or bidi character in any of the 65,536 code units', () => {
		const all = Array.from({length: 0x1_00_00}, (_, code) => String.fromCodePoint(code >= 0xD8_00 && code <= 0xDF_FF ? 0x20 : code)).join('');
		// eslint-disable-next-line no-control-regex -- the test looks for exactly those characters
		expect(printable(all)).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
	});

	it('quoted() wraps in single quotes', () => {
		expect(quoted('a\u001Bb')).toBe(String.raw`'a\x1bb'`);
	});
});
