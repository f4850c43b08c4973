import {detached} from '../domain/detached.js';
import type {OutputChunk, PromptResponder} from './executor.js';

export interface OutputCollector {
	/** One decoded piece of a stream, as it arrived. */
	push(stream: OutputChunk['stream'], text: string): void;
	/** Releases what is held back and returns what is kept: all of each stream, or its last keepChars characters (cut). */
	finish(): {readonly stdout: string; readonly stderr: string; readonly cut: boolean};
}

/** The end of a stream, at most `limit` characters of it (all of it without a limit). */
function keptEnd(limit: number | undefined) {
	let text = '';
	let cut = false;
	return {
		append(piece: string) {
			if (limit === undefined) {
				text += piece;
				return;
			}

			// The kept end is copied: a slice would keep the whole (64 KiB) chunk alive.
			if (piece.length >= limit) {
				cut ||= text !== '' || piece.length > limit;
				text = detached(piece.slice(-limit));
				return;
			}

			text += piece;
			// Trimmed at twice the limit, so that a stream of small chunks is not copied once per chunk.
			if (text.length > 2 * limit) {
				text = detached(text.slice(-limit));
				cut = true;
			}
		},
		finish() {
			if (limit !== undefined && text.length > limit) {
				text = text.slice(-limit);
				cut = true;
			}

			return {text, cut};
		},
	};
}

/**
 * The path of a command's output inside an executor: pty line endings (CRLF → LF, a trailing CR held
 * until the next chunk), the prompt responder (sees the raw text), its filter (masks the secrets it
 * typed), then the caller's onOutput and the kept stdout/stderr (the last keepChars of each, when given).
 */
export function createOutputCollector(options: {
	readonly pty: boolean;
	readonly prompts?: PromptResponder;
	readonly onOutput?: (chunk: OutputChunk) => void;
	readonly keepChars?: number;
}): OutputCollector {
	const kept = {stdout: keptEnd(options.keepChars), stderr: keptEnd(options.keepChars)};
	const heldCr = {stdout: false, stderr: false};

	const report = (chunk: OutputChunk) => {
		if (chunk.text === '') {
			return;
		}

		kept[chunk.stream].append(chunk.text);
		options.onOutput?.(chunk);
	};

	const deliver = (chunk: OutputChunk) => {
		if (chunk.text === '') {
			return;
		}

		options.prompts?.onOutput(chunk);
		report(options.prompts?.filterOutput?.(chunk) ?? chunk);
	};

	return {
		push(stream, text) {
			if (!options.pty) {
				deliver({stream, text});
				return;
			}

			let normalized = (heldCr[stream] ? '\r' : '') + text;
			heldCr[stream] = normalized.endsWith('\r');
			if (heldCr[stream]) {
				normalized = normalized.slice(0, -1);
			}

			deliver({stream, text: normalized.replaceAll('\r\n', '\n')});
		},
		finish() {
			for (const stream of ['stdout', 'stderr'] as const) {
				if (heldCr[stream]) {
					heldCr[stream] = false;
					deliver({stream, text: '\r'});
				}
			}

			for (const chunk of options.prompts?.flushOutput?.() ?? []) {
				report(chunk);
			}

			const stdout = kept.stdout.finish();
			const stderr = kept.stderr.finish();
			return {stdout: stdout.text, stderr: stderr.text, cut: stdout.cut || stderr.cut};
		},
	};
}
