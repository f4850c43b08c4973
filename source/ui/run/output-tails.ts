import {detached} from '../../domain/detached.js';

/**
 * A kept line is cut to this many characters: the screen draws one row of it (screen-line.ts looks at no more
 * than 4 × its columns of a line).
 */
export const tailLineChars = 4096;

/** The last lines of each host's output, kept in fixed-size rings (a million lines cost no more memory than fifty). */
export interface OutputTails {
	/**
	 * One or more lines of one stream joined by '\n': only the last `capacity` of them are cut out and kept.
	 * `replacesLast`: the first is a redraw of the stream's last line (a lone CR ended it), shown in its place
	 * when that line is still the host's last (a line of the other stream that came between stays).
	 */
	push(host: string, stream: 'stdout' | 'stderr', lines: string, replacesLast?: boolean): void;
	/** The host's last `count` lines, oldest first. */
	lines(host: string, count: number): string[];
	clear(): void;
}

interface Ring {
	readonly buffer: string[];
	next: number;
	size: number;
	/** The stream of the last line. */
	stream?: 'stdout' | 'stderr';
}

export function createOutputTails(capacity: number): OutputTails {
	const rings = new Map<string, Ring>();
	return {
		push(host, stream, lines, replacesLast = false) {
			let ring = rings.get(host);
			if (ring === undefined) {
				ring = {buffer: Array.from({length: capacity}, () => ''), next: 0, size: 0};
				rings.set(host, ring);
			}

			if (replacesLast && ring.stream === stream && ring.size > 0) {
				ring.next = (ring.next - 1 + capacity) % capacity;
				ring.size--;
			}

			ring.stream = stream;
			// Where the last `capacity` lines start, found from the end.
			// (A long piece of a line has no newline: indexOf tells at once, where lastIndexOf would walk back through it.)
			let start = lines.includes('\n') ? lines.length : -1;
			for (let count = 0; count < capacity && start >= 0; count++) {
				start = start === 0 ? -1 : lines.lastIndexOf('\n', start - 1);
			}

			// Each line copied: a slice of the pushed text would keep its whole chunk of output alive.
			for (const line of lines.slice(start + 1).split('\n')) {
				ring.buffer[ring.next] = detached(line.length > tailLineChars ? line.slice(0, tailLineChars) : line);
				ring.next = (ring.next + 1) % capacity;
				ring.size = Math.min(capacity, ring.size + 1);
			}
		},
		lines(host, count) {
			const ring = rings.get(host);
			if (ring === undefined) {
				return [];
			}

			const take = Math.min(count, ring.size);
			return Array.from({length: take}, (_, index) => ring.buffer[(ring.next - take + index + capacity) % capacity]!);
		},
		clear() {
			rings.clear();
		},
	};
}
