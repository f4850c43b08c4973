/** One app of `snf-manage migrate --list` (South): its migrations in order and which are applied. */
export interface SouthApp {
	readonly app: string;
	readonly migrations: ReadonlyArray<{readonly name: string; readonly applied: boolean}>;
}

/**
 * Parses `snf-manage migrate --list` (South): an app label line, then one line per migration,
 * `  (*) name` when applied and `  ( ) name` when pending (with -v 2 an "(applied …)" suffix may
 * follow). Throws unless the output holds at least one app with a migration: empty or unrelated
 * output is no evidence of anything.
 */
export function parseMigrateList(migrateListOutput: string): SouthApp[] {
	const apps: Array<{app: string; migrations: Array<{name: string; applied: boolean}>}> = [];
	for (const line of migrateListOutput.split('\n')) {
		const migration = /^\s*\(([ *])\)\s+(\S+)/.exec(line);
		if (migration !== null) {
			const app = apps.at(-1);
			if (app === undefined) {
				throw new Error(`Cannot read "migrate --list": migration ${migration[2]!} comes before any app name.`);
			}

			app.migrations.push({name: migration[2]!, applied: migration[1] === '*'});
		} else if (/^\s*[A-Za-z_]\w*\s*$/.test(line)) {
			apps.push({app: line.trim(), migrations: []});
		}
	}

	const listed = apps.filter(app => app.migrations.length > 0);
	if (listed.length === 0) {
		const first = migrateListOutput.trim().split('\n')[0] ?? '';
		throw new Error(`"migrate --list" printed no South app with migrations (${first === '' ? 'no output' : `got ${JSON.stringify(first.slice(0, 80))}`}).`);
	}

	return listed;
}

/** The last South migration of each app at 0.15 (facts §3.13), by the host role that runs it. */
export const southHeads = {
	astakos: {im: '0062', oa2: '0004', quotaholder_app: '0011'},
	cyclades: {db: '0098'},
} as const;

/** What is missing for the apps to be at their heads: an app not listed, or its head migration not listed (the 0.15 code is not there yet). */
export function missingHeads(apps: readonly SouthApp[], heads: Readonly<Record<string, string>>): string[] {
	return Object.entries(heads).flatMap(([app, head]) => {
		const found = apps.find(candidate => candidate.app === app);
		if (found === undefined) {
			return [`app ${app} not listed`];
		}

		return found.migrations.some(migration => migration.name.startsWith(`${head}_`)) ? [] : [`${app} has no migration ${head} yet`];
	});
}

/** The Pithos backend's alembic head at 0.15 (unchanged in 0.15.2). */
export const pithosHeadRevision = '301fba21d9b8';

/**
 * The current revision in `pithos-migrate current`, which prints
 * `Current revision for <url>: <down> -> <rev> (head), <message>` (alembic 0.3), or `…: None`
 * (null) on an empty database. Throws when there is no such line.
 */
export function pithosCurrentRevision(currentOutput: string): string | null {
	const match = /^Current revision for .*?: (.*)$/m.exec(currentOutput);
	if (match === null) {
		throw new Error('No "Current revision for …" line in the pithos-migrate current output.');
	}

	const info = match[1]!.trim();
	const arrow = /->\s*([0-9a-f]+)/.exec(info);
	const current = arrow === null ? /^([0-9a-f]{6,})\b/.exec(info)?.[1] : arrow[1];
	if (current === undefined) {
		if (/^None\b/.test(info)) {
			return null;
		}

		throw new Error(`Cannot read the revision in the pithos-migrate current line ${JSON.stringify(info.slice(0, 80))}.`);
	}

	return current;
}
