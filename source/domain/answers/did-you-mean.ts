/** Levenshtein distance, case-insensitive (typos in answer keys are often only a wrong case). */
export function editDistance(a: string, b: string): number {
	const left = a.toLowerCase();
	const right = b.toLowerCase();
	let previous = Array.from({length: right.length + 1}, (_, index) => index);
	for (let i = 1; i <= left.length; i++) {
		const current = [i];
		for (let j = 1; j <= right.length; j++) {
			const cost = left[i - 1] === right[j - 1] ? 0 : 1;
			current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
		}

		previous = current;
	}

	return previous[right.length]!;
}

/** The closest known name when it is close enough to be a typo, else undefined. */
export function closestName(name: string, known: readonly string[]): string | undefined {
	let best: string | undefined;
	let bestDistance = Number.POSITIVE_INFINITY;
	for (const candidate of known) {
		const distance = editDistance(name, candidate);
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}

	const limit = Math.max(2, Math.floor(name.length / 3));
	return bestDistance <= limit ? best : undefined;
}

/** " (did you mean 'x'?)" or ''. */
export function didYouMean(name: string, known: readonly string[]): string {
	const closest = closestName(name, known);
	return closest === undefined ? '' : ` (did you mean '${closest}'?)`;
}
