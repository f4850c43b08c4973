/**
 * The pending migrations in `snf-manage migrate --list` (South): an app label line, then one line
 * per migration, `  (*) name` when applied and `  ( ) name` when pending (with -v 2 an
 * "(applied …)" suffix may follow). Returns `app name` for every pending one.
 */
export function pendingMigrations(migrateListOutput: string): string[] {
	const pending: string[] = [];
	let app: string | undefined;
	for (const line of migrateListOutput.split('\n')) {
		const migration = /^\s*\(([ *])\)\s+(\S+)/.exec(line);
		if (migration !== null) {
			if (app === undefined) {
				throw new Error(`Cannot read "migrate --list": migration ${migration[2]!} comes before any app name.`);
			}

			if (migration[1] === ' ') {
				pending.push(`${app} ${migration[2]!}`);
			}
		} else if (/^\s*[A-Za-z_]\w*\s*$/.test(line)) {
			app = line.trim();
		}
	}

	return pending;
}

/** The Pithos backend's alembic head at 0.15 (unchanged in 0.15.2). */
export const pithosHeadRevision = '301fba21d9b8';

/**
 * Whether `pithos-migrate current` shows the head: it prints
 * `Current revision for <url>: <down> -> <rev> (head), <message>` (alembic 0.3).
 */
export function pithosAtHead(currentOutput: string): boolean {
	const match = /Current revision for .*?: (.*)$/m.exec(currentOutput);
	if (match === null) {
		return false;
	}

	const info = match[1]!;
	const arrow = /->\s*([0-9a-f]+)/.exec(info);
	const current = arrow === null ? /^([0-9a-f]+)/.exec(info.trim())?.[1] : arrow[1];
	return current === pithosHeadRevision;
}
