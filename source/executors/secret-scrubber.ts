import {secretMask} from '../domain/shell-quote.js';
import type {OutputChunk} from './executor.js';

/**
 * Masks known secrets in streamed output (for example a password echoed back by a pseudo-terminal).
 * A chunk that ends with the beginning of a secret is held back until the next chunk of that
 * stream shows whether the secret follows, so a secret split across chunks is masked too;
 * flush() releases what is held when the command ends.
 */
export interface SecretScrubber {
	scrub(text: string): string;
	filter(chunk: OutputChunk): OutputChunk;
	flush(): readonly OutputChunk[];
}

export function createSecretScrubber(secrets: readonly string[]): SecretScrubber {
	// Longest first, so a secret that contains another is masked whole.
	const known = [...new Set(secrets.filter(secret => secret !== ''))].sort((a, b) => b.length - a.length);
	const held: Record<OutputChunk['stream'], string> = {stdout: '', stderr: ''};

	const scrub = (text: string): string => {
		let result = text;
		for (const secret of known) {
			result = result.replaceAll(secret, secretMask);
		}

		return result;
	};

	/** Length of the longest suffix of text that is a proper prefix of a secret. */
	const partialSecretLength = (text: string): number => {
		let longest = 0;
		for (const secret of known) {
			for (let length = Math.min(secret.length - 1, text.length); length > longest; length--) {
				if (text.endsWith(secret.slice(0, length))) {
					longest = length;
					break;
				}
			}
		}

		return longest;
	};

	return {
		scrub,
		filter(chunk) {
			if (known.length === 0) {
				return chunk;
			}

			const text = scrub(held[chunk.stream] + chunk.text);
			const keep = partialSecretLength(text);
			held[chunk.stream] = text.slice(text.length - keep);
			return {stream: chunk.stream, text: text.slice(0, text.length - keep)};
		},
		flush() {
			const chunks: OutputChunk[] = [];
			for (const stream of ['stdout', 'stderr'] as const) {
				if (held[stream] !== '') {
					chunks.push({stream, text: held[stream]});
					held[stream] = '';
				}
			}

			return chunks;
		},
	};
}
