/**
 * Runs fn over items with at most `limit` at once; every item settles (one failure does not
 * cancel the others), results keep the items' order, and the first rejection is rethrown at the end.
 */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
	const results = new Array<R>(items.length);
	const errors: unknown[] = [];
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			try {
				results[index] = await fn(items[index]!);
			} catch (error) {
				errors.push(error);
			}
		}
	};

	await Promise.all(Array.from({length: Math.max(1, Math.min(limit, items.length))}, async () => worker()));
	if (errors.length > 0) {
		throw errors[0];
	}

	return results;
}
