import type {Action} from '../action-types.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {shellQuote} from '../shell-quote.js';
import {argv, command, ganetiMasters, joinPath, probe, service, verdict, webHosts} from './builders.js';

/** Stops what must stay down during the migration: gunicorn on the web hosts, snf-dispatcher, snf-ganeti-eventd on the masters. */
export function stopUpgradeServices(ctx: PlanContext): Action[] {
	return [
		...webHosts(ctx).map(host => service(host, 'gunicorn', 'stop')),
		service(ctx.inventory.cyclades, 'snf-dispatcher', 'stop'),
		...ganetiMasters(ctx).map(host => service(host, 'snf-ganeti-eventd', 'stop')),
	];
}

export const stopWebServices: StepDefinition = {
	id: 'stop-services',
	section: 'services-down',
	title: 'Stop gunicorn, snf-dispatcher and snf-ganeti-eventd',
	why: 'The databases must stay in a predictable, consistent state while they are migrated, so every web service and the Ganeti event daemon are brought down first. The database servers keep running.',
	notes: ['snf-ganeti-eventd runs on the Ganeti master of each backend only (facts §6).'],
	actions: ctx => stopUpgradeServices(ctx),
};

/** The name of a backup: the same for every run of the plan, so the step is checkable and resumable. */
export const backupFileName = (database: string) => `${database}-before-0.15.dump`;

const backupFile = (ctx: PlanContext, database: string) =>
	ctx.path(ctx.inventory.db, joinPath(ctx.text('backupDir'), backupFileName(database)));

/** The admin's backup command with {db} and {file} replaced by shell-quoted values. */
export const backupScript = (template: string, database: string, file: string): string =>
	template.replaceAll('{db}', shellQuote(database)).replaceAll('{file}', shellQuote(file));

export const backupDatabases: StepDefinition = {
	id: 'backup-databases',
	section: 'services-down',
	title: 'Back up every database',
	why: 'A dump of each database taken while the services are down is the way back to the pre-migration state if the upgrade fails.',
	notes: [
		'The Synnefo notes give no backup command; the default is the generic PostgreSQL `su - postgres -c "pg_dump -Fc <db>" > <file>` (restore with pg_restore) (facts §6).',
		'Each dump is named <db>-before-0.15.dump in backupDir: when every dump exists and is not empty the step counts as done, so a resumed run never overwrites a good backup with a later state.',
		'The notes suggest keeping separate per-service backups after each later step as well.',
	],
	actions(ctx) {
		const host = ctx.inventory.db;
		const template = ctx.text('backupCommand');
		const actions: Action[] = [
			command(host, argv('mkdir', '-p', '-m', '0700', ctx.path(host, ctx.text('backupDir'))), {note: 'the dumps hold password hashes: the directory is root-only'}),
		];
		for (const database of ctx.list('backupDatabases')) {
			actions.push(command(host, {pipeline: [{script: backupScript(template, database, backupFile(ctx, database))}]}, {note: `dump of ${database}`}));
		}

		return actions;
	},
	probes: ctx =>
		ctx.list('backupDatabases').map(database =>
			probe(ctx.inventory.db, argv('test', '-s', backupFile(ctx, database)), `${backupFileName(database)} exists and is not empty`, output =>
				verdict(output.exitCode === 0, output.exitCode === 0 ? 'the dump exists' : 'no dump yet'))),
};
