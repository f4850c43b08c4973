import type {Action} from '../action-types.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {dumpActions, dumpProbes} from './backups.js';
import {ganetiMasters, service, webHosts} from './builders.js';
import {serviceProbes} from './service-probes.js';

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
	probes: ctx => serviceProbes(ctx, stopUpgradeServices(ctx), 'stopped'),
};

export const backupDatabases: StepDefinition = {
	id: 'backup-databases',
	section: 'services-down',
	title: 'Back up every database',
	why: 'A dump of each database taken while the services are down is the way back to the pre-migration state if the upgrade fails.',
	notes: [
		'The Synnefo notes give no backup command; the default is the generic PostgreSQL `su - postgres -c "pg_dump -Fc <db>" > <file>` (restore with pg_restore) (facts §6).',
		'Each dump is written to a hidden .partial file beside its name and renamed to <db>-before-0.15.dump in backupDir only when the command exits 0 and the dump is whole (pg_restore reads every block of it; a plain SQL dump ends with pg_dump\'s closing comment), mode 0600. The step counts as done when every dump is there and whole, so a resumed run never overwrites a good backup with a later state, and a dump cut short is never taken for one.',
		'More dumps follow after the migrations and after sections 3 and 4 (stageBackups); the end of the run lists every backup it made with its restore command.',
	],
	actions: ctx => dumpActions(ctx, 'before-0.15'),
	probes: ctx => dumpProbes(ctx, 'before-0.15'),
};
