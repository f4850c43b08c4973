import {describe, expect, it} from 'vitest';
import {wrapText} from '../../source/ui/flow/wrap-text.js';

describe('wrapText', () => {
	it('breaks at spaces within the width and indents the rows that follow', () => {
		expect(wrapText('  one two three four', 12)).toEqual(['  one two', '    three', '    four']);
	});

	it('cuts a word longer than a row, even after indentation, and always ends', () => {
		const long = `      ! ${'x'.repeat(50)}`;
		const rows = wrapText(long, 20);
		expect(rows.every(row => row.length <= 20)).toBe(true);
		expect(rows.join('').replaceAll(' ', '').replace('!', '')).toBe('x'.repeat(50));
	});

	it('leaves a short line alone', () => {
		expect(wrapText('short', 80)).toEqual(['short']);
	});
});
