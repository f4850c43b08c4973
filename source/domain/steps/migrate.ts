import type {Host} from '../inventory-types.js';
import {pendingMigrations, pithosAtHead, pithosHeadRevision} from '../parsers/migrations.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {allOutput, argv, command, parsedVerdict, probe, snfManage, staleContentTypesRule, verdict} from './builders.js';

const djangoMigrations = (host: Host) => [
	snfManage(host, ['syncdb'], {prompts: [staleContentTypesRule]}),
	snfManage(host, ['migrate'], {prompts: [staleContentTypesRule]}),
];

const noPendingMigrations = (host: Host) =>
	probe(host, argv('snf-manage', 'migrate', '--list'), 'snf-manage migrate --list shows no pending ( ) migration', output => {
		if (output.exitCode !== 0) {
			return verdict(false, `snf-manage migrate --list exited with ${String(output.exitCode)}`);
		}

		return parsedVerdict(() => {
			const pending = pendingMigrations(output.stdout);
			return pending.length === 0
				? verdict(true, 'no pending migrations')
				: verdict(false, `${pending.length} pending, e.g. ${pending[0]!}`);
		});
	});

const djangoNotes = [
	"If Django asks about stale content types, the answer is 'no' and the migration goes on (facts §3.13).",
	'The South migrations of v0.15 end at im 0062, oa2 0004, quotaholder_app 0011, db 0098.',
];

const combined = (ctx: PlanContext) => ctx.inventory.cyclades.id === ctx.inventory.astakos.id;

export const migrateAstakos: StepDefinition = {
	id: 'migrate-astakos',
	section: 'migrate',
	title: 'Sync and migrate the Astakos database',
	why: 'Creates the tables of new apps (syncdb) and applies the South migrations of v0.15 (migrate) on the Astakos host.',
	notes: djangoNotes,
	actions: ctx => djangoMigrations(ctx.inventory.astakos),
	probes: ctx => [noPendingMigrations(ctx.inventory.astakos)],
};

export const migrateCyclades: StepDefinition = {
	id: 'migrate-cyclades',
	section: 'migrate',
	title: 'Sync and migrate the Cyclades database',
	why: 'Creates the tables of new apps (syncdb) and applies the South migrations of v0.15 (migrate) on the Cyclades host.',
	notes: djangoNotes,
	skipReason: ctx => (combined(ctx) ? `Cyclades runs on the Astakos host (${ctx.inventory.astakos.id}): migrate-astakos already migrated it` : undefined),
	actions: ctx => djangoMigrations(ctx.inventory.cyclades),
	probes: ctx => [noPendingMigrations(ctx.inventory.cyclades)],
};

export const migratePithos: StepDefinition = {
	id: 'migrate-pithos',
	section: 'migrate',
	title: 'Migrate the Pithos backend database',
	why: 'pithos-migrate (an alembic wrapper) upgrades the Pithos backend database to the v0.15 head revision.',
	notes: ['Done when `pithos-migrate current` mentions the head revision 301fba21d9b8 (facts §3.13).'],
	actions: ctx => [command(ctx.inventory.pithos, argv('pithos-migrate', 'upgrade', 'head'))],
	probes: ctx => [probe(ctx.inventory.pithos, argv('pithos-migrate', 'current'), `pithos-migrate current is at ${pithosHeadRevision} (head)`, output =>
		verdict(pithosAtHead(allOutput(output)), pithosAtHead(allOutput(output)) ? 'at head' : 'not at head'))],
};
