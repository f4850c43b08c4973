import type {Action, CommandOutput, Probe, Verdict} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import type {PlanContext} from '../plan-types.js';
import {shellQuote} from '../shell-quote.js';
import {argv, cannotTell, command, joinPath, probe, verdict} from './builders.js';

/** When a dump is taken: before anything changes, then after the migrations and after sections 3 and 4. */
export type BackupStage = 'before-0.15' | 'after-migrations' | 'after-floating-ips' | 'after-quotas';

/** `<db>-<stage>.dump`: the same for every run of the plan, so the step is checkable and resumable. */
export const backupFileName = (database: string, stage: BackupStage) => `${database}-${stage}.dump`;

const backupFile = (ctx: PlanContext, database: string, stage: BackupStage) =>
	ctx.path(ctx.inventory.db, joinPath(ctx.text('backupDir'), backupFileName(database, stage)));

/** The partial dump beside the final one (hidden); renamed to the final name only once whole. */
const partialFile = (file: string) => file.replace(/\/([^/]+)$/, '/.$1.partial');

/** The admin's backup command with {db} and {file} replaced by shell-quoted values. */
export const backupScript = (template: string, database: string, file: string): string =>
	template.replaceAll('{db}', shellQuote(database)).replaceAll('{file}', shellQuote(file));

/**
 * Shell that prints `whole: …` and exits 0 when "$1" is a whole dump: an archive pg_restore reads to
 * its end (`pg_restore -f /dev/null`; `pg_restore -l` reads only the table of contents and passes a
 * dump cut in its data), or a plain SQL dump that ends with pg_dump's closing comment.
 * Exit 1: not whole; 2: cannot tell (no pg_restore to read an archive with).
 */
const wholeDumpCheck = [
	'whole() {',
	'\tif [ ! -s "$1" ]; then echo "missing or empty: $1"; return 1; fi',
	'\tif head -c 512 -- "$1" | grep -q \'^-- PostgreSQL database dump\'; then',
	'\t\tif tail -c 512 -- "$1" | grep -q \'^-- PostgreSQL database dump complete\'; then echo "whole: $1 ends with pg_dump\'s closing comment"; return 0; fi',
	'\t\techo "not whole: $1 is a plain SQL dump without pg_dump\'s closing comment"; return 1',
	'\tfi',
	'\tcommand -v pg_restore >/dev/null 2>&1 || { echo "cannot tell: no pg_restore on this host to read $1"; return 2; }',
	'\tif e=$(pg_restore -f /dev/null -- "$1" 2>&1); then echo "whole: pg_restore read every block of $1"; return 0; fi',
	'\techo "not whole: $(printf \'%s\\n\' "$e" | tail -n 1)"; return 1',
	'}',
].join('\n');

/**
 * One database's dump: the admin's command writes a partial file beside the final one (umask 077);
 * only when it exits 0 and the dump is whole is it made 0600 and renamed to its final name, so a dump
 * cut short (pg_dump failing, Ctrl+C, a full disk) is never taken for a backup.
 */
export function dumpScript(template: string, database: string, file: string): string {
	const partial = partialFile(file);
	return [
		'umask 077',
		wholeDumpCheck,
		`f=${shellQuote(file)}; t=${shellQuote(partial)}`,
		'rm -f -- "$t" || exit 1',
		// A subshell: the admin's command cannot end this script or change its variables.
		'(',
		backupScript(template, database, partial),
		')',
		's=$?',
		`if [ $s -ne 0 ]; then rm -f -- "$t"; echo ${shellQuote(`the dump of ${database} failed`)}" (exit $s); no backup was kept" >&2; exit 1; fi`,
		'if ! w=$(whole "$t"); then rm -f -- "$t"; echo "$w; no backup was kept" >&2; exit 1; fi',
		'chmod 0600 -- "$t" && mv -f -- "$t" "$f"',
	].join('\n');
}

/**
 * How to restore a dump made with the template (facts §6: pg_restore for pg_dump's archive formats,
 * psql for a plain SQL dump); undefined when the template is not a pg_dump the tool recognises.
 */
export function restoreCommand(template: string, database: string, file: string): string | undefined {
	if (!/\bpg_dump\b/.test(template)) {
		return undefined;
	}

	const format = /(?:-F\s*|--format[= ])([a-z])/.exec(template)?.[1] ?? 'p';
	if (format === 'c' || format === 't') {
		// --clean --create: DROP DATABASE, then CREATE DATABASE as the archive has it (encoding, locale, owner), then the data.
		return `su - postgres -c "pg_restore --clean --create -d postgres" < ${shellQuote(file)}`;
	}

	// A plain dump holds no CREATE DATABASE: made again as facts §6 creates it, then the SQL.
	const create = `createdb -T template0 -E UTF8 --lc-collate=C --lc-ctype=C -O synnefo ${database}`;
	return format === 'p' ? `su - postgres -c "dropdb ${database} && ${create} && psql -X -q -v ON_ERROR_STOP=1 -d ${database}" < ${shellQuote(file)}` : undefined;
}

/** The note under a dump action: what it is and how to restore it. */
function dumpNote(restore: string | undefined, database: string): string {
	return `dump of ${database}, kept only when whole; restore (services down): ${restore ?? 'as your backupCommand requires'}`;
}

/** The backup directory (root-only when made here) and one dump per database. */
export function dumpActions(ctx: PlanContext, stage: BackupStage): Action[] {
	const host: Host = ctx.inventory.db;
	const template = ctx.text('backupCommand');
	return [
		command(host, argv('mkdir', '-p', '-m', '0700', ctx.path(host, ctx.text('backupDir'))), {note: 'the dumps hold password hashes: the directory is root-only when made here, and each dump is 0600 whatever the directory'}),
		...ctx.list('backupDatabases').map(database => {
			const file = backupFile(ctx, database, stage);
			const restore = restoreCommand(template, database, file);
			return command(host, {pipeline: [{script: dumpScript(template, database, file)}]}, {
				note: dumpNote(restore, database),
				backup: {file, restore: restore ?? `restore ${file} as your backupCommand requires`},
			});
		}),
	];
}

/** Reads the whole-dump check's output: done only on its positive evidence, to do only on its negative evidence. */
export function wholeDumpVerdict(output: CommandOutput): Verdict {
	const line = output.stdout.trim().split('\n').at(-1) ?? '';
	if (output.exitCode === 0 && line.startsWith('whole: ')) {
		return verdict(true, line.slice(7));
	}

	if (output.exitCode === 1 && /^(?:not whole|missing or empty): /.test(line)) {
		return verdict(false, line);
	}

	return cannotTell(line === '' ? `the check printed nothing (exit ${String(output.exitCode)})` : line);
}

/** Done when every database's dump of this stage is there and whole. */
export function dumpProbes(ctx: PlanContext, stage: BackupStage): Probe[] {
	return ctx.list('backupDatabases').map(database => {
		const file = backupFile(ctx, database, stage);
		return probe(ctx.inventory.db, {pipeline: [{script: `${wholeDumpCheck}\nwhole ${shellQuote(file)}`}]}, `${backupFileName(database, stage)} is there and whole`, wholeDumpVerdict);
	});
}
