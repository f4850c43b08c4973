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

	it('normalises pty line endings and does not call output within keepChars cut', () => {
		const collector = createOutputCollector({pty: true, keepChars: 100});
		collector.push('stdout', 'a\r\nb\r');
		collector.push('stdout', '\nc');
		expect(collector.finish()).toEqual({stdout: 'a\nb\nc', stderr: '', cut: false});
	});
});
