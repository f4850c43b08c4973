import type {OutputChunk, PromptResponder} from './executor.js';

export interface OutputCollector {
	/** One decoded piece of a stream, as it arrived. */
	push(stream: OutputChunk['stream'], text: string): void;
	/** Releases what is held back and returns everything kept. */
	finish(): {readonly stdout: string; readonly stderr: string};
}

/**
 * The path of a command's output inside an executor: pty line endings (CRLF → LF, a trailing CR held
 * until the next chunk), the prompt responder (sees the raw text), its filter (masks the secrets it
 * typed), then the caller's onOutput and the kept stdout/stderr.
 */
export function createOutputCollector(options: {
	readonly pty: boolean;
	readonly prompts?: PromptResponder;
	readonly onOutput?: (chunk: OutputChunk) => void;
}): OutputCollector {
	const kept = {stdout: '', stderr: ''};
	const heldCr = {stdout: false, stderr: false};

	const report = (chunk: OutputChunk) => {
		if (chunk.text === '') {
			return;
		}

		kept[chunk.stream] += chunk.text;
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

			return {stdout: kept.stdout, stderr: kept.stderr};
		},
	};
}
