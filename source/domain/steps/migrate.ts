import type {CommandOutput, Verdict} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import {missingHeads, parseMigrateList, pithosCurrentRevision, pithosHeadRevision, southHeads} from '../parsers/migrations.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {beforeMigrations} from './guardrails.js';
import {allOutput, argv, command, failedRun, parsedVerdict, probe, snfManage, staleContentTypesRule, verdict} from './builders.js';

const djangoMigrations = (host: Host) => [
	snfManage(host, ['syncdb'], {prompts: [staleContentTypesRule]}),
	snfManage(host, ['migrate'], {prompts: [staleContentTypesRule]}),
];

/** Done when every app of the host's role is listed at its 0.15 head and nothing is pending (positive evidence only). */
export function southVerdict(output: CommandOutput, heads: Readonly<Record<string, string>>): Verdict {
	return failedRun(output) ?? parsedVerdict(() => {
		const apps = parseMigrateList(output.stdout);
		const missing = missingHeads(apps, heads);
		if (missing.length > 0) {
			return verdict(false, `not at the v0.15 heads: ${missing.join(', ')}`);
		}

		const pending = apps.flatMap(({app, migrations}) => migrations.filter(migration => !migration.applied).map(migration => `${app} ${migration.name}`));
		return pending.length === 0
			? verdict(true, `no pending migrations; ${Object.entries(heads).map(([app, head]) => `${app} at ${head}`).join(', ')}`)
			: verdict(false, `${pending.length} pending, e.g. ${pending[0]!}`);
	});
}

const noPendingMigrations = (host: Host, heads: Readonly<Record<string, string>>) =>
	probe(host, argv('snf-manage', 'migrate', '--list'), 'snf-manage migrate --list shows every app at its v0.15 head, no ( ) migration', output => southVerdict(output, heads));

export const combined = (ctx: PlanContext) => ctx.inventory.cyclades.id === ctx.inventory.astakos.id;

/** The apps migrated on the Astakos host: its own, and Cyclades' when both run there. */
export const astakosHeads = (ctx: PlanContext) => (combined(ctx) ? {...southHeads.astakos, ...southHeads.cyclades} : southHeads.astakos);

/** Done when `pithos-migrate current` names the head revision; a missing or unreadable line is "cannot tell". */
export function pithosVerdict(output: CommandOutput): Verdict {
	return failedRun(output) ?? parsedVerdict(() => {
		const current = pithosCurrentRevision(allOutput(output));
		return current === pithosHeadRevision
			? verdict(true, `at ${pithosHeadRevision} (head)`)
			: verdict(false, current === null ? 'no revision yet' : `at ${current}, not the head ${pithosHeadRevision}`);
	});
}

const djangoNotes = [
	"If Django asks about stale content types, the answer is 'no' and the migration goes on (facts §3.13).",
	'The South migrations of v0.15 end at im 0062, oa2 0004, quotaholder_app 0011, db 0098.',
];

export const migrateAstakos: StepDefinition = {
	id: 'migrate-astakos',
	section: 'migrate',
	title: 'Sync and migrate the Astakos database',
	why: 'Creates the tables of new apps (syncdb) and applies the South migrations of v0.15 (migrate) on the Astakos host.',
	notes: djangoNotes,
	rerunSafe: true,
	guards: beforeMigrations,
	actions: ctx => djangoMigrations(ctx.inventory.astakos),
	probes: ctx => [noPendingMigrations(ctx.inventory.astakos, astakosHeads(ctx))],
};

export const migrateCyclades: StepDefinition = {
	id: 'migrate-cyclades',
	section: 'migrate',
	title: 'Sync and migrate the Cyclades database',
	why: 'Creates the tables of new apps (syncdb) and applies the South migrations of v0.15 (migrate) on the Cyclades host.',
	notes: djangoNotes,
	skipReason: ctx => (combined(ctx) ? `Cyclades runs on the Astakos host (${ctx.inventory.astakos.id}): migrate-astakos already migrated it` : undefined),
	rerunSafe: true,
	guards: beforeMigrations,
	actions: ctx => djangoMigrations(ctx.inventory.cyclades),
	probes: ctx => [noPendingMigrations(ctx.inventory.cyclades, southHeads.cyclades)],
};

export const migratePithos: StepDefinition = {
	id: 'migrate-pithos',
	section: 'migrate',
	title: 'Migrate the Pithos backend database',
	why: 'pithos-migrate (an alembic wrapper) upgrades the Pithos backend database to the v0.15 head revision.',
	notes: ['Done when `pithos-migrate current` mentions the head revision 301fba21d9b8 (facts §3.13).'],
	rerunSafe: true,
	guards: beforeMigrations,
	actions: ctx => [command(ctx.inventory.pithos, argv('pithos-migrate', 'upgrade', 'head'))],
	probes: ctx => [probe(ctx.inventory.pithos, argv('pithos-migrate', 'current'), `pithos-migrate current is at ${pithosHeadRevision} (head)`, pithosVerdict)],
};
