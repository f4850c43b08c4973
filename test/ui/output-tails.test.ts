import {describe, expect, it} from 'vitest';
import {createOutputTails} from '../../source/ui/run/output-tails.js';

describe('output tails', () => {
	it('keeps the last lines of each host from pushes of one or many lines, empty lines included', () => {
		const tails = createOutputTails(3);
		tails.push('a', 'one');
		expect(tails.lines('a', 3)).toEqual(['one']);
		tails.push('a', 'two\n\nfour\nfive');
		expect(tails.lines('a', 3)).toEqual(['', 'four', 'five']);
		tails.push('a', '');
		expect(tails.lines('a', 3)).toEqual(['four', 'five', '']);
		tails.push('b', Array.from({length: 100_000}, (_, index) => String(index + 1)).join('\n'));
		expect(tails.lines('b', 3)).toEqual(['99998', '99999', '100000']);
		expect(tails.lines('b', 2)).toEqual(['99999', '100000']);
		expect(tails.lines('a', 3)).toEqual(['four', 'five', '']);
	});
});
