import type {OutputChunk} from '../executors/executor.js';
import {detached} from '../executors/output-collector.js';
import {tailOutputChars, tailOutputLines, transcriptFlushChars, transcriptPieceChars} from './kept-output.js';

export interface CommandOutputOptions {
	readonly redact: (text: string) => string;
	/** Every line, redacted, in arrival order. */
	readonly onLine: (stream: OutputChunk['stream'], line: string) => void;
	/** A block of whole redacted lines for the transcript (joined by '\n'), written while the command runs. */
	readonly writeBlock: (block: string) => void;
}

export interface CommandOutput {
	push(chunk: OutputChunk): void;
	/** Ends the output: the last partial lines count as lines. Returns the lines not yet written as a block. */
	end(): string;
	/** The last tailOutputLines lines (at most tailOutputChars of them), redacted, for error tails. */
	tail(): string;
}

/**
 * Cuts streamed output into whole lines per stream, so that the redactor sees each line whole (a secret
 * split across two chunks is still found), and keeps of it only what is not written yet and a short tail.
 * Each chunk's whole lines are redacted as one text and cut with indexOf, never split into an array: a
 * command printing a million lines leaves nothing behind but the transcript.
 */
export function createCommandOutput(options: CommandOutputOptions): CommandOutput {
	const partial: Record<OutputChunk['stream'], string> = {stdout: '', stderr: ''};
	/** The lines not written yet, joined by '\n'; `waiting` counts them (one empty line is '' too). */
	let pending = '';
	let waiting = 0;
	/** The end of the output (at most tailOutputChars), for tail(). */
	let last = '';
	let seen = false;
	let lastCut = false;

	const take = (stream: OutputChunk['stream'], whole: string) => {
		const text = options.redact(whole);
		pending = waiting === 0 ? text : `${pending}\n${text}`;
		last = seen ? `${last}\n${text}` : text;
		seen = true;
		if (last.length > tailOutputChars) {
			last = last.slice(-tailOutputChars);
			lastCut = true;
		}

		for (let start = 0; start <= text.length;) {
			const end = text.indexOf('\n', start);
			const stop = end === -1 ? text.length : end;
			options.onLine(stream, text.slice(start, stop));
			waiting++;
			start = stop + 1;
		}

	};

	// The transcript drops one trailing newline of a body: the one added here, so that a last empty line stays.
	const written = () => {
		const block = waiting === 0 ? '' : `${pending}\n`;
		pending = '';
		waiting = 0;
		return block;
	};

	return {
		push(chunk) {
			const {stream} = chunk;
			const text = chunk.text.includes('\r') ? chunk.text.replaceAll('\r\n', '\n') : chunk.text;
			const cut = text.lastIndexOf('\n');
			if (cut === -1) {
				partial[stream] = detached(partial[stream] + text);
				return;
			}

			// The held start of the first line (without the CR of a CRLF split across two chunks).
			const held = text.startsWith('\n') && partial[stream].endsWith('\r') ? partial[stream].slice(0, -1) : partial[stream];
			partial[stream] = detached(text.slice(cut + 1));
			// The chunk (64 KiB from a pipe) is cut in pieces of whole lines, never copied whole, and each piece goes
			// to the transcript once enough gathered: a 64-100 KiB string alive at every write, or kept by a slice,
			// grew the young heap to its limit by a million lines.
			for (let from = 0; from <= cut;) {
				let to = from + transcriptPieceChars >= cut ? cut : text.lastIndexOf('\n', from + transcriptPieceChars);
				if (to < from) {
					to = text.indexOf('\n', from + transcriptPieceChars);
				}

				take(stream, from === 0 ? held + text.slice(0, to) : text.slice(from, to));
				if (pending.length >= transcriptFlushChars) {
					options.writeBlock(written());
				}

				from = to + 1;
			}
		},
		end() {
			for (const stream of ['stdout', 'stderr'] as const) {
				if (partial[stream] !== '') {
					take(stream, partial[stream]);
					partial[stream] = '';
				}
			}

			return written();
		},
		tail() {
			const lines = last.split('\n');
			// A cut tail starts inside a line: that line is left out.
			return lines.slice(lastCut ? 1 : 0).slice(-tailOutputLines).join('\n');
		},
	};
}

/** The last lines of a text, for error messages. */
export function tail(text: string, lines = 12): string {
	return text.replace(/\n+$/, '').split('\n').slice(-lines).join('\n');
}
