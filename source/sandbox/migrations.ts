/** South migrations of the snf_apps database and Pithos' alembic revisions, 0.14.10 and 0.15 (facts §3.13). */

export interface SouthApp {
	readonly app: string;
	/** The Debian package that ships the app (its version decides which migrations exist on a host). */
	readonly package: 'snf-astakos-app' | 'snf-cyclades-app';
	readonly names: readonly string[];
	/** Number of migrations shipped with 0.14.10 (the last applied one at creation). */
	readonly oldHead: number;
}

const known: Readonly<Record<string, string>> = {
	'im:42': 'service_origin',
	'im:53': 'auto__add_field_component_base_url',
	'im:62': 'accept_with_usage',
	'quotaholder_app:11': 'delete_unused_holdings',
	'db:68': 'auto__add_field_network_drained',
	'db:98': 'auto__add_field_flavor_allow_create',
};

function names(app: string, count: number): string[] {
	return Array.from({length: count}, (_, index) => {
		const number = index + 1;
		const label = number === 1 ? 'initial' : (known[`${app}:${number}`] ?? 'auto');
		return `${String(number).padStart(4, '0')}_${label}`;
	});
}

export const southApps: readonly SouthApp[] = [
	{app: 'im', package: 'snf-astakos-app', names: names('im', 62), oldHead: 42},
	{app: 'oa2', package: 'snf-astakos-app', names: names('oa2', 4), oldHead: 0},
	{app: 'quotaholder_app', package: 'snf-astakos-app', names: names('quotaholder_app', 11), oldHead: 7},
	{app: 'db', package: 'snf-cyclades-app', names: names('db', 98), oldHead: 68},
	{app: 'userdata', package: 'snf-cyclades-app', names: names('userdata', 3), oldHead: 3},
];

/** Migrations an app has in the code of the given version ('0.14' or '0.15'); oa2 is new in 0.15. */
export function shippedCount(app: SouthApp, version: '0.14' | '0.15'): number {
	return version === '0.15' ? app.names.length : app.oldHead;
}

export const pithosRevisions = {
	old: '3b62b3f1bf6c',
	chain15: ['54dbdde2d187', '301fba21d9b8'],
	head: '301fba21d9b8',
} as const;
