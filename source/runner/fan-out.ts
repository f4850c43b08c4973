import {fanOut} from '../executors/fan-out.js';

/**
 * The executors' fanOut (at most `limit` at once, every started item settles, none starts after the
 * signal aborts) with results in item order; the first failure is rethrown once all have settled.
 */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
	const settled = await fanOut(items, Math.max(1, limit), fn, signal);
	const failed = settled.find(entry => 'error' in entry && entry.error !== undefined);
	if (failed) {
		throw failed.error;
	}

	return settled.map(entry => entry.result as R);
}
