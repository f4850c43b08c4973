export interface FanOutResult<T, R> {
	readonly item: T;
	readonly result?: R;
	readonly error?: unknown;
}

/**
 * Runs `run` for every item, at most `limit` at once; results in input order, one per item. A failure
 * is kept with its item and does not stop the others. After `signal` aborts no new item starts; the
 * items not started get the abort reason as their error (running ones are the executor's business).
 */
export async function fanOut<T, R>(
	items: readonly T[],
	limit: number,
	run: (item: T) => Promise<R>,
	signal?: AbortSignal,
): Promise<Array<FanOutResult<T, R>>> {
	if (!Number.isInteger(limit) || limit < 1) {
		throw new RangeError(`fanOut: limit must be a positive integer, got ${limit}`);
	}

	const results: Array<FanOutResult<T, R>> = Array.from({length: items.length});
	let next = 0;

	const worker = async (): Promise<void> => {
		while (next < items.length) {
			const index = next++;
			const item = items[index]!;
			if (signal?.aborted) {
				results[index] = {item, error: signal.reason};
				continue;
			}

			try {
				results[index] = {item, result: await run(item)};
			} catch (error: unknown) {
				results[index] = {item, error};
			}
		}
	};

	await Promise.all(Array.from({length: Math.min(limit, items.length)}, async () => worker()));
	return results;
}
