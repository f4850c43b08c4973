import {describe, expect, it} from 'vitest';
import {tailOutputChars, tailOutputLines, transcriptFlushChars, transcriptPieceChars} from '../../source/runner/kept-output.js';
import {createCommandOutput} from '../../source/runner/output-lines.js';

function collect(redact: (text: string) => string = text => text) {
	const lines: Array<[string, string]> = [];
	const blocks: string[] = [];
	const output = createCommandOutput({redact, onLine: (stream, line) => lines.push([stream, line]), writeBlock: block => blocks.push(block)});
	return {output, lines, blocks};
}

describe('command output lines', () => {
	it('cuts chunks into whole lines per stream, redacting each line whole, empty lines included', () => {
		const {output, lines} = collect(text => text.replaceAll('s3cret', '••••'));
		output.push({stream: 'stdout', text: 'one\r\ntw'});
		output.push({stream: 'stderr', text: 'err s3'});
		output.push({stream: 'stdout', text: 'o\n\nthree s3'});
		output.push({stream: 'stderr', text: 'cret\n'});
		output.push({stream: 'stdout', text: 'cret'});
		expect(output.end()).toBe('one\ntwo\n\nerr ••••\nthree ••••\n');
		expect(lines).toEqual([['stdout', 'one'], ['stdout', 'two'], ['stdout', ''], ['stderr', 'err ••••'], ['stdout', 'three ••••']]);
	});

	it('hands the transcript blocks while the output comes, and keeps only a short tail', () => {
		const {output, lines, blocks} = collect();
		const all = Array.from({length: 100_000}, (_, index) => String(index + 1));
		for (let start = 0; start < all.length; start += 5000) {
			output.push({stream: 'stdout', text: `${all.slice(start, start + 5000).join('\n')}\n`});
		}

		const rest = output.end();
		expect(lines).toHaveLength(100_000);
		expect(blocks.length).toBeGreaterThan(10);
		expect(blocks.every(block => block.length >= transcriptFlushChars && block.endsWith('\n'))).toBe(true);
		// The blocks and the rest are the output, exactly (each ends with the newline the transcript drops).
		expect([...blocks, rest].map(block => block.slice(0, -1)).filter(block => block !== '').join('\n')).toBe(all.join('\n'));
		const tail = output.tail().split('\n');
		expect(tail).toEqual(all.slice(-tailOutputLines));
	});

	it('keeps at most tailOutputChars of long lines for the tail, never a cut line', () => {
		const {output} = collect();
		const long = (char: string) => char.repeat(tailOutputChars / 4);
		output.push({stream: 'stdout', text: `${['a', 'b', 'c', 'd', 'e', 'f'].map(char => long(char)).join('\n')}\n`});
		output.end();
		expect(output.tail().length).toBeLessThanOrEqual(tailOutputChars);
		expect(output.tail().split('\n').every(line => line.length === tailOutputChars / 4)).toBe(true);
		expect(output.tail().endsWith(long('f'))).toBe(true);
	});

	it('writes a chunk of lines longer than a piece in pieces of whole lines, none lost', () => {
		const {output, lines, blocks} = collect();
		const line = 'x'.repeat(transcriptPieceChars + 10);
		output.push({stream: 'stdout', text: `short\n${line}\n\n${line}\nend\n`});
		const rest = output.end();
		expect(blocks.length).toBeGreaterThanOrEqual(2);
		expect([...blocks, rest].filter(block => block !== '').map(block => block.slice(0, -1)).join('\n')).toBe(['short', line, '', line, 'end'].join('\n'));
		expect(lines.map(([, text]) => text)).toEqual(['short', line, '', line, 'end']);
	});
});
