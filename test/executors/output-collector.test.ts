import {describe, expect, it} from 'vitest';
import type {OutputChunk} from '../../source/executors/executor.js';
import {createOutputCollector} from '../../source/executors/output-collector.js';

const numbered = (from: number, to: number) => Array.from({length: to - from + 1}, (_, index) => `${from + index}\n`).join('');

describe('output collector', () => {
	it('keeps the whole of each stream without a limit', () => {
		const collector = createOutputCollector({pty: false});
		for (let line = 1; line <= 10_000; line++) {
			collector.push('stdout', `${line}\n`);
		}

		collector.push('stderr', 'warning\n');
		expect(collector.finish()).toEqual({stdout: numbered(1, 10_000), stderr: 'warning\n', cut: false});
	});

	it('keeps only the last keepChars characters of each stream, says it cut them, and still reports every chunk', () => {
		const seen: OutputChunk[] = [];
		const collector = createOutputCollector({pty: false, keepChars: 100, onOutput: chunk => seen.push(chunk)});
		for (let line = 1; line <= 10_000; line++) {
			collector.push('stdout', `${line}\n`);
		}

		collector.push('stderr', 'short\n');
		const kept = collector.finish();
		expect(kept.stdout).toBe(numbered(1, 10_000).slice(-100));
		expect(kept.stderr).toBe('short\n');
		expect(kept.cut).toBe(true);
		expect(seen.filter(chunk => chunk.stream === 'stdout').map(chunk => chunk.text).join('')).toBe(numbered(1, 10_000));
	});

	it('keeps the last keepChars of chunks longer than keepChars, and says it cut only when it did', () => {
		const big = createOutputCollector({pty: false, keepChars: 100});
		const all = numbered(1, 200);
		for (let start = 0; start < all.length; start += 250) {
			big.push('stdout', all.slice(start, start + 250));
		}

		expect(big.finish()).toEqual({stdout: all.slice(-100), stderr: '', cut: true});
		const exact = createOutputCollector({pty: false, keepChars: 100});
		exact.push('stdout', 'x'.repeat(100));
		expect(exact.finish()).toEqual({stdout: 'x'.repeat(100), stderr: '', cut: false});
	});

	it('normalises pty line endings and does not call output within keepChars cut', () => {
		const collector = createOutputCollector({pty: true, keepChars: 100});
		collector.push('stdout', 'a\r\nb\r');
		collector.push('stdout', '\nc');
		expect(collector.finish()).toEqual({stdout: 'a\nb\nc', stderr: '', cut: false});
	});
});
