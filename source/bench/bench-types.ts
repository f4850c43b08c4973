/** One line of `npm run bench` output (printed as one JSON object per line). */
export interface BenchLine {
	readonly name: string;
	readonly value: number;
	readonly unit: string;
	/** The goal, e.g. "<= 1.2"; null for informative figures. */
	readonly target: string | null;
	/** What exactly is measured, where the name alone could mislead. */
	readonly note?: string;
}

/** A benchmark module: starts what it needs, emits its lines, cleans up. */
export type BenchModule = (emit: (line: BenchLine) => void) => Promise<void>;

export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function round(value: number, digits = 2): number {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}
