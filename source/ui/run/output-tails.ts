/** The last lines of each host's output, kept in fixed-size rings (a million lines cost no more memory than fifty). */
export interface OutputTails {
	push(host: string, line: string): void;
	/** The host's last `count` lines, oldest first. */
	lines(host: string, count: number): string[];
	clear(): void;
}

export function createOutputTails(capacity: number): OutputTails {
	const rings = new Map<string, {readonly buffer: string[]; next: number; size: number}>();
	return {
		push(host, line) {
			let ring = rings.get(host);
			if (ring === undefined) {
				ring = {buffer: Array.from({length: capacity}, () => ''), next: 0, size: 0};
				rings.set(host, ring);
			}

			ring.buffer[ring.next] = line;
			ring.next = (ring.next + 1) % capacity;
			ring.size = Math.min(capacity, ring.size + 1);
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
