import type {OutputChunk} from '../executors/executor.js';
import {detached} from '../domain/detached.js';
import {tailOutputChars, tailOutputLines} from './kept-output.js';

export interface ErrorTail {
	/** Lines of one stream joined by '\n'; `replaces`: the first is a redraw of the stream's last line (a lone CR ended it). */
	add(stream: OutputChunk['stream'], text: string, replaces: boolean): void;
	/** The last tailOutputLines lines (at most tailOutputChars of them). */
	text(): string;
}

/** Where the last `count` lines of a text start: 0 when it has no more than that. */
function lastLinesStart(text: string, count: number): number {
	// A long piece of a line has no newline: indexOf tells at once, where lastIndexOf would walk back through it.
	if (!text.includes('\n')) {
		return 0;
	}

	let start = text.length;
	for (let found = 0; found < count; found++) {
		const newline = start === 0 ? -1 : text.lastIndexOf('\n', start - 1);
		if (newline === -1) {
			return 0;
		}

		start = newline;
	}

	return start + 1;
}

/**
 * The end of a command's output as a terminal shows it, for error messages: a redrawn line (a progress bar)
 * in its last state, in its place, unless a line of the other stream came after it (that one stays, and so
 * does the redraw). Never more than tailOutputLines lines and tailOutputChars characters, whatever the output.
 * Only those are kept, copied: a million short lines leave a few hundred bytes here, not 16 KiB copied
 * (and a slice pinning its whole chunk) at every piece.
 */
export function createErrorTail(): ErrorTail {
	let last = '';
	let lastStream: OutputChunk['stream'] | undefined;
	let seen = false;
	/** `last` starts inside a line (it was cut at tailOutputChars): text() leaves that line out. */
	let cut = false;
	return {
		add(stream, text, replaces) {
			if (replaces && lastStream === stream) {
				const end = last.lastIndexOf('\n');
				seen = end !== -1;
				last = seen ? last.slice(0, end) : '';
				cut &&= seen;
			}

			// These lines alone hold all that is kept when they have more lines than that, or as many characters
			// (only their end is looked at, then): else it is the end of the lines before and these.
			const end = text.length > tailOutputChars ? text.slice(-tailOutputChars) : text;
			let start = lastLinesStart(end, tailOutputLines);
			let kept = end;
			if (start > 0 || !seen || text.length >= tailOutputChars) {
				cut = start === 0 && text.length > tailOutputChars;
			} else {
				kept = `${last}\n${text}`;
				start = lastLinesStart(kept, tailOutputLines);
				cut &&= start === 0;
				if (kept.length - start > tailOutputChars) {
					start = kept.length - tailOutputChars;
					cut = true;
				}
			}

			last = detached(kept.slice(start));
			seen = true;
			lastStream = stream;
		},
		text() {
			const lines = last.split('\n');
			// A cut tail starts inside a line: that line is left out.
			return lines.slice(cut ? 1 : 0).slice(-tailOutputLines).join('\n');
		},
	};
}
