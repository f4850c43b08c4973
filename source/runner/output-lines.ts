import type {OutputChunk} from '../executors/executor.js';

/**
 * Cuts streamed output into whole lines per stream, so that the redactor sees each line whole
 * (a secret split across two chunks is still found). `end()` returns what is left.
 */
export function createLineSplitter(onLine: (stream: OutputChunk['stream'], line: string) => void) {
	const partial: Record<OutputChunk['stream'], string> = {stdout: '', stderr: ''};
	return {
		push(chunk: OutputChunk) {
			const text = partial[chunk.stream] + chunk.text.replaceAll('\r\n', '\n');
			const lines = text.split('\n');
			partial[chunk.stream] = lines.pop() ?? '';
			for (const line of lines) {
				onLine(chunk.stream, line);
			}
		},
		end() {
			for (const stream of ['stdout', 'stderr'] as const) {
				if (partial[stream] !== '') {
					onLine(stream, partial[stream]);
					partial[stream] = '';
				}
			}
		},
	};
}

/** The last lines of a text, for error messages. */
export function tail(text: string, lines = 12): string {
	return text.replace(/\n+$/, '').split('\n').slice(-lines).join('\n');
}
