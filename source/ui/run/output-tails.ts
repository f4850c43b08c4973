/** The last lines of each host's output, kept in fixed-size rings (a million lines cost no more memory than fifty). */
export interface OutputTails {
	/** One or more lines joined by '\n': only the last `capacity` of them are cut out and kept. */
	push(host: string, lines: string): void;
	/** The host's last `count` lines, oldest first. */
	lines(host: string, count: number): string[];
	clear(): void;
}

export function createOutputTails(capacity: number): OutputTails {
	const rings = new Map<string, {readonly buffer: string[]; next: number; size: number}>();
	return {
		push(host, lines) {
			let ring = rings.get(host);
			if (ring === undefined) {
				ring = {buffer: Array.from({length: capacity}, () => ''), next: 0, size: 0};
				rings.set(host, ring);
			}

			// Where the last `capacity` lines start, found from the end.
			let start = lines.length;
			for (let count = 0; count < capacity && start >= 0; count++) {
				start = start === 0 ? -1 : lines.lastIndexOf('\n', start - 1);
			}

			for (const line of lines.slice(start + 1).split('\n')) {
				ring.buffer[ring.next] = line;
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
