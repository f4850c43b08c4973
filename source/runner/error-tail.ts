import type {OutputChunk} from '../executors/executor.js';
import {tailOutputChars, tailOutputLines} from './kept-output.js';

export interface ErrorTail {
	/** Lines of one stream joined by '\n'; `replaces`: the first is a redraw of the stream's last line (a lone CR ended it). */
	add(stream: OutputChunk['stream'], text: string, replaces: boolean): void;
	/** The last tailOutputLines lines (at most tailOutputChars of them). */
	text(): string;
}

/**
 * The end of a command's output as a terminal shows it, for error messages: a redrawn line (a progress bar)
 * in its last state, in its place, unless a line of the other stream came after it (that one stays, and so
 * does the redraw). Never more than tailOutputChars, whatever the output.
 */
export function createErrorTail(): ErrorTail {
	let last = '';
	let lastStream: OutputChunk['stream'] | undefined;
	let seen = false;
	let cut = false;
	return {
		add(stream, text, replaces) {
			if (replaces && lastStream === stream) {
				const end = last.lastIndexOf('\n');
				seen = end !== -1;
				last = seen ? last.slice(0, end) : '';
			}

			last = seen ? `${last}\n${text}` : text;
			seen = true;
			lastStream = stream;
			if (last.length > tailOutputChars) {
				last = last.slice(-tailOutputChars);
				cut = true;
			}
		},
		text() {
			const lines = last.split('\n');
			// A cut tail starts inside a line: that line is left out.
			return lines.slice(cut ? 1 : 0).slice(-tailOutputLines).join('\n');
		},
	};
}
