const byId = (a: string, b: string) => a.localeCompare(b, 'en', {numeric: true});

/** "a, b, c and 7 more" (ids sorted, numbers in them compared as numbers; at most `limit` named). */
export function hostList(ids: readonly string[], limit: number): string {
	const sorted = [...ids].sort(byId);
	const named = sorted.slice(0, limit).join(', ');
	return sorted.length > limit ? `${named} and ${sorted.length - limit} more` : named;
}
