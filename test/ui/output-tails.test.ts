import {describe, expect, it} from 'vitest';
import {createOutputTails, tailLineChars} from '../../source/ui/run/output-tails.js';

describe('output tails', () => {
	it('keeps the last lines of each host from pushes of one or many lines, empty lines included', () => {
		const tails = createOutputTails(3);
		tails.push('a', 'stdout', 'one');
		expect(tails.lines('a', 3)).toEqual(['one']);
		tails.push('a', 'stdout', 'two\n\nfour\nfive');
		expect(tails.lines('a', 3)).toEqual(['', 'four', 'five']);
		tails.push('a', 'stdout', '');
		expect(tails.lines('a', 3)).toEqual(['four', 'five', '']);
		tails.push('b', 'stdout', Array.from({length: 100_000}, (_, index) => String(index + 1)).join('\n'));
		expect(tails.lines('b', 3)).toEqual(['99998', '99999', '100000']);
		expect(tails.lines('b', 2)).toEqual(['99999', '100000']);
		expect(tails.lines('a', 3)).toEqual(['four', 'five', '']);
	});

	it('keeps a line longer than a screen could show cut to tailLineChars, the lines after it whole', () => {
		const tails = createOutputTails(3);
		const long = `${'x'.repeat(tailLineChars)}the end`;
		tails.push('a', 'stdout', `${long}\nnext`);
		tails.push('a', 'stdout', long.repeat(3));
		expect(tails.lines('a', 3)).toEqual(['x'.repeat(tailLineChars), 'next', 'x'.repeat(tailLineChars)]);
	});

	it('shows a redrawn line in its place: a push that replaces the last line of its stream takes that line\'s row', () => {
		const tails = createOutputTails(3);
		tails.push('a', 'stdout', 'get\n1%');
		for (let percent = 2; percent <= 100; percent++) {
			tails.push('a', 'stdout', `${percent}%`, true);
		}

		expect(tails.lines('a', 3)).toEqual(['get', '100%']);
		// Several lines, the first in the redrawn one's place; a full ring wraps around as usual.
		tails.push('a', 'stdout', 'done\nx\ny', true);
		expect(tails.lines('a', 3)).toEqual(['done', 'x', 'y']);
		tails.push('a', 'stdout', 'z', true);
		expect(tails.lines('a', 3)).toEqual(['done', 'x', 'z']);
		// Another host's rows are its own.
		tails.push('b', 'stdout', 'first', true);
		expect(tails.lines('b', 3)).toEqual(['first']);
	});

	it('keeps a line of the other stream that came between a redraw and the line that replaces it', () => {
		const tails = createOutputTails(5);
		tails.push('a', 'stdout', '10%');
		tails.push('a', 'stderr', 'W: slow mirror');
		tails.push('a', 'stdout', '20%', true);
		expect(tails.lines('a', 5)).toEqual(['10%', 'W: slow mirror', '20%']);
		tails.push('a', 'stdout', '30%', true);
		expect(tails.lines('a', 5)).toEqual(['10%', 'W: slow mirror', '30%']);
	});
});
