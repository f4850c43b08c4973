import type {OutputChunk} from '../executors/executor.js';
import type {Redactor} from '../domain/redact.js';
import {detached} from '../domain/detached.js';
import {createErrorTail} from './error-tail.js';
import {longLineChars, transcriptFlushChars, transcriptPieceChars} from './kept-output.js';

/** Ends every piece of a line cut because it is longer than longLineChars, but its last: the line goes on in the next. */
export const lineGoesOn = ' [line continues]';

export interface CommandOutputOptions {
	readonly redact: Redactor;
	/**
	 * Every line, redacted, in arrival order: one or more whole lines at a time, joined by '\n'. A line longer
	 * than longLineChars comes in pieces, each but the last ending with lineGoesOn. `replacesLast`: the first
	 * line takes the place of the stream's last line, which a lone CR ended (a progress bar's redraw).
	 */
	readonly onLines: (stream: OutputChunk['stream'], lines: string, replacesLast: boolean) => void;
	/** A block of whole redacted lines (or pieces of a long one) for the transcript (joined by '\n'), written while the command runs. */
	readonly writeBlock: (block: string) => void;
}

export interface CommandOutput {
	push(chunk: OutputChunk): void;
	/** Ends the output: the last partial lines count as lines. Returns the lines not yet written as a block. */
	end(): string;
	/** The last tailOutputLines lines (at most tailOutputChars of them), redacted, as a terminal shows them (error-tail.ts). */
	tail(): string;
}

/**
 * Cuts streamed output into whole lines per stream, so that the redactor sees each line whole (a secret
 * split across two chunks is still found), and keeps of it only what is not written yet and a short tail.
 * A line ends at '\n', at CRLF (also split across two chunks) and at a lone CR: each redraw of a progress
 * bar is a line of its own in the transcript (the record), instead of one line that never ends, and the
 * stream's next line replaces it on the screen and in the error tail, as on a terminal (onLines'
 * `replacesLast`; an empty next line just ends it, as CR CR LF does on a terminal). Unless a secret holds a
 * CR: then a lone CR stays in its line, which is cut in pieces as any long line.
 * A line longer than longLineChars is given out in pieces while it comes, each cut where the redactor
 * says no secret straddles the cut (Redactor.cutAt): the start of a secret at the end of what has come is
 * held until the rest shows whether it is one. So nothing here grows with the length of a line.
 * Each chunk's whole lines are redacted as one text and cut with indexOf, never split into an array: a
 * command printing a million lines leaves nothing behind but the transcript.
 */
export function createCommandOutput(options: CommandOutputOptions): CommandOutput {
	const {redact} = options;
	/** The start of each stream's current line, not given out yet (at most about longLineChars). */
	const held: Record<OutputChunk['stream'], string> = {stdout: '', stderr: ''};
	/**
	 * The stream's last chunk ended with a CR, which a '\n' starting the next chunk makes a CRLF: 'ended' its line
	 * already (that '\n' is dropped), or is 'held' back (a lone CR that is not a line end: it goes on the next chunk).
	 */
	const lastCr: Record<OutputChunk['stream'], 'ended' | 'held' | undefined> = {stdout: undefined, stderr: undefined};
	/** A lone CR ended the stream's last line: its next line replaces it (unless a '\n' after the CR makes it a CRLF). */
	const redrawn: Record<OutputChunk['stream'], boolean> = {stdout: false, stderr: false};
	/** The lines not written yet, joined by '\n'; `waiting` says there are some (one empty line is '' too). */
	let pending = '';
	let waiting = false;
	const errorTail = createErrorTail();
	let ended = false;

	// The transcript drops one trailing newline of a body: the one added here, so that a last empty line stays.
	const written = () => {
		const block = waiting ? `${pending}\n` : '';
		pending = '';
		waiting = false;
		return block;
	};

	/** Gives lines to the screen and to the error tail; `replaces`: the first takes the place of the stream's last line. */
	const show = (stream: OutputChunk['stream'], text: string, replaces: boolean) => {
		errorTail.add(stream, text, replaces);
		// The lines as they came, not one by one: a million calls and strings cost more than the rest of the path.
		options.onLines(stream, text, replaces);
	};

	/** Gives out whole lines (or one piece of a long line, that goes on), redacted. */
	const take = (stream: OutputChunk['stream'], whole: string, goesOn = false) => {
		const text = goesOn ? `${redact(whole)}${lineGoesOn}` : redact(whole);
		pending = waiting ? `${pending}\n${text}` : text;
		waiting = true;
		const replaces = redrawn[stream];
		redrawn[stream] = false;
		if (!replaces || (text !== '' && !text.startsWith('\n'))) {
			show(stream, text, replaces);
		} else if (text !== '') {
			// An empty line after a redraw (CR CR LF) shows nothing: on a terminal the redrawn line just ends there.
			show(stream, text.slice(1), false);
		}

		if (!ended && pending.length >= transcriptFlushChars) {
			options.writeBlock(written());
		}
	};

	/**
	 * Gives out the pieces of a line while it is longer than longLineChars, and returns the rest: the start of a
	 * line that goes on, or, once `complete`, its last piece (given out too: '' returned). Text of several lines
	 * is never longer than longLineChars (transcriptPieceChars): it is given out whole.
	 */
	const cutLong = (stream: OutputChunk['stream'], line: string, complete: boolean): string => {
		let rest = line;
		while (rest.length > longLineChars) {
			const cut = redact.cutAt(rest, longLineChars, complete);
			if (cut === undefined || cut >= rest.length) {
				break;
			}

			take(stream, rest.slice(0, cut), true);
			rest = rest.slice(cut);
		}

		if (complete) {
			take(stream, rest);
			return '';
		}

		return detached(rest);
	};

	/** Gives out the whole lines of a text and holds its last, partial one; `complete`: a lone CR ended that one too. */
	const lines = (stream: OutputChunk['stream'], text: string, complete: boolean) => {
		const cut = text.lastIndexOf('\n');
		if (cut === -1) {
			held[stream] = cutLong(stream, held[stream] + text, complete);
			return;
		}

		// The first line ends what is held.
		const first = text.indexOf('\n');
		cutLong(stream, held[stream] + text.slice(0, first), true);
		// The rest of the chunk (64 KiB from a pipe) is cut in pieces of whole lines, never copied whole, and each
		// piece goes to the transcript once enough gathered: a 64-100 KiB string alive at every write, or kept by a
		// slice, grew the young heap to its limit by a million lines. A piece is at most transcriptPieceChars, or
		// one longer line, which is cut as it is longer than longLineChars.
		for (let from = first + 1; from <= cut;) {
			let to = from + transcriptPieceChars >= cut ? cut : text.lastIndexOf('\n', from + transcriptPieceChars);
			if (to < from) {
				to = text.indexOf('\n', from + transcriptPieceChars);
			}

			// Whole lines: one longer than longLineChars is cut, a piece of several is given out as it is.
			cutLong(stream, text.slice(from, to), true);
			from = to + 1;
		}

		held[stream] = cutLong(stream, text.slice(cut + 1), complete);
	};

	return {
		push(chunk) {
			const {stream} = chunk;
			let raw = lastCr[stream] === 'held' ? `\r${chunk.text}` : chunk.text;
			if (lastCr[stream] === 'ended' && raw.startsWith('\n')) {
				// The CR that ended the last chunk was half of a CRLF: that line stays.
				raw = raw.slice(1);
				redrawn[stream] = false;
			}

			lastCr[stream] = raw.endsWith('\r') ? (redact.holdsCarriageReturn ? 'held' : 'ended') : undefined;
			if (!raw.includes('\r')) {
				lines(stream, raw, false);
				return;
			}

			const text = (lastCr[stream] === 'held' ? raw.slice(0, -1) : raw).replaceAll('\r\n', '\n');
			if (redact.holdsCarriageReturn) {
				// A lone CR is no line end when a secret holds one: it would split the secret where the redactor cannot see it whole.
				lines(stream, text, false);
				return;
			}

			// Each lone CR ends a line that the stream's next line replaces.
			let from = 0;
			for (let cr = text.indexOf('\r'); cr !== -1; cr = text.indexOf('\r', from)) {
				lines(stream, text.slice(from, cr), true);
				redrawn[stream] = true;
				from = cr + 1;
			}

			lines(stream, text.slice(from), false);
		},
		end() {
			ended = true;
			for (const stream of ['stdout', 'stderr'] as const) {
				// A CR that ends the output ends its last line; one that a secret may end with stays.
				if (lastCr[stream] === 'held') {
					held[stream] += '\r';
				}

				if (held[stream] !== '') {
					cutLong(stream, held[stream], true);
					held[stream] = '';
				}
			}

			return written();
		},
		tail: () => errorTail.text(),
	};
}

/** The last lines of a text, for error messages. */
export function tail(text: string, lines = 12): string {
	return text.replace(/\n+$/, '').split('\n').slice(-lines).join('\n');
}
