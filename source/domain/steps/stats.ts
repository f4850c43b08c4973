import type {Host} from '../inventory-types.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {editedSettingsProbes} from './settings-probe.js';
import {command, cycladesApiConf, edit, joinPath, service, settingsFile, statsSettingsConf} from './builders.js';
import {rolePackages} from './packages.js';
import {gunicornPidFiles, restartNote, restartProbe, type RestartWatch} from './restart-probes.js';

const noStatsHost = (ctx: PlanContext) => (ctx.inventory.stats === undefined ? 'the inventory has no stats host' : undefined);
const statsHost = (ctx: PlanContext): Host => ctx.inventory.stats ?? ctx.inventory.cyclades;

/** The four graph URL settings and their graph types (facts §1.1). */
export const graphUrls = [
	['CPU_BAR_GRAPH_URL', 'cpu-bar'],
	['CPU_TIMESERIES_GRAPH_URL', 'cpu-ts'],
	['NET_BAR_GRAPH_URL', 'net-bar'],
	['NET_TIMESERIES_GRAPH_URL', 'net-ts'],
] as const;

/** `<STATS_BASE_URL without trailing slash>/v1.0/<type>/%s`. */
export const graphUrl = (statsBaseUrl: string, type: string) => `${statsBaseUrl.replace(/\/+$/, '')}/v1.0/${type}/%s`;

export const statsSettings: StepDefinition = {
	id: 'stats-settings',
	section: 'stats',
	title: 'Set STATS_BASE_URL and STATS_SECRET_KEY on the stats host',
	why: 'snf-stats-app serves the VM graphs under STATS_BASE_URL and decrypts the instance name in each URL with STATS_SECRET_KEY.',
	notes: [
		'The file is 20-snf-stats-app-settings.conf (the shipped name); the runbook once calls it 20-snf-stats-settings.conf (facts §1.4).',
		'The code defaults of the two secret keys differ ("secret key" vs "secret_key"): both are set explicitly to the same value (facts §1.1).',
	],
	skipReason: noStatsHost,
	actions(ctx) {
		const host = statsHost(ctx);
		return [
			edit(host, settingsFile(ctx, host, statsSettingsConf), [
				{op: 'python-set', name: 'STATS_BASE_URL', value: ctx.text('statsBaseUrl')},
				{op: 'python-set', name: 'STATS_SECRET_KEY', value: ctx.secretValue('statsSecretKey')},
			], 'python'),
		];
	},
	probes: ctx => editedSettingsProbes(ctx, statsSettings.actions(ctx)),
};

export const cycladesStatsSettings: StepDefinition = {
	id: 'cyclades-stats-settings',
	section: 'stats',
	title: 'Point the Cyclades graph URLs at the stats host',
	why: 'Cyclades encrypts the instance name with CYCLADES_STATS_SECRET_KEY (equal to STATS_SECRET_KEY) and builds the graph URLs in the v0.15 form <STATS_BASE_URL>/v1.0/<type>/%s.',
	notes: [
		"The shipped sample of NET_BAR_GRAPH_URL has a typo ('…/net-bar/stats/v1.0/%s'); the code default and this plan use '…/stats/v1.0/net-bar/%s' (facts §1.1).",
	],
	skipReason: noStatsHost,
	actions(ctx) {
		const host = ctx.inventory.cyclades;
		const base = ctx.text('statsBaseUrl');
		return [
			edit(host, settingsFile(ctx, host, cycladesApiConf), [
				{op: 'python-set', name: 'CYCLADES_STATS_SECRET_KEY', value: ctx.secretValue('statsSecretKey')},
				...graphUrls.map(([name, type]) => ({op: 'python-set' as const, name, value: graphUrl(base, type)})),
			], 'python'),
		];
	},
	probes: ctx => editedSettingsProbes(ctx, cycladesStatsSettings.actions(ctx)),
};

export const statsRrdMigration: StepDefinition = {
	id: 'stats-rrd-migration',
	section: 'stats',
	title: 'Migrate the collectd RRD files (Squeeze → Wheezy)',
	why: 'collectd 5 (Wheezy) cannot read the RRD files of collectd 4 (Squeeze); the collectd v4-to-v5 migration script converts them.',
	notes: ['Only for hosts that collected VM stats with collectd on Squeeze; the command is the one given in statsRrdMigrationCommand, run as written.'],
	skipReason(ctx) {
		const command = ctx.get('statsRrdMigrationCommand');
		return noStatsHost(ctx) ?? (typeof command === 'string' && command !== '' ? undefined : 'statsRrdMigrationCommand is not set (no RRD migration needed)');
	},
	actions: ctx => [command(statsHost(ctx), {pipeline: [{script: ctx.text('statsRrdMigrationCommand')}]})],
};

/** Why the stats host's own gunicorn restart does not apply, or undefined. */
function statsGunicornSkip(ctx: PlanContext): string | undefined {
	const stats = ctx.inventory.stats;
	if (stats === undefined) {
		return 'the inventory has no stats host';
	}

	const {astakos, cyclades, pithos} = ctx.inventory;
	return [astakos, cyclades, pithos].some(host => host.id === stats.id)
		? `the stats host ${stats.id} also serves Astakos, Cyclades or Pithos: its gunicorn stays down until section 5 starts it`
		: undefined;
}

/** The stats host's gunicorn, at the target snf-common, started after `inputs` last changed. */
function statsGunicornWatch(ctx: PlanContext, inputs: readonly string[]): RestartWatch {
	const target = ctx.text('expectedVersion');
	return {
		service: 'gunicorn',
		pidFiles: [ctx.path(statsHost(ctx), gunicornPidFiles)],
		inputs,
		version: {name: 'snf-common', wanted: target, matches: version => version.startsWith(target)},
	};
}

export const restartStats: StepDefinition = {
	id: 'restart-stats',
	section: 'stats',
	title: 'Restart gunicorn on the stats host',
	why: 'snf-stats-app reads its settings when gunicorn starts.',
	notes: [restartNote(gunicornPidFiles)],
	skipReason: statsGunicornSkip,
	rerunSafe: true,
	actions: ctx => [service(statsHost(ctx), 'gunicorn', 'restart')],
	probes(ctx) {
		const host = statsHost(ctx);
		const settings = ctx.path(host, joinPath(ctx.text('settingsDir'), '*.conf'));
		return [restartProbe(host, statsGunicornWatch(ctx, [settings]), 'gunicorn runs the 0.15 code, started after every settings file last changed')];
	},
};

export const restartStatsAfterInstall: StepDefinition = {
	id: 'restart-stats-gunicorn',
	section: 'packages',
	title: 'Restart gunicorn on the stats host after the package upgrade',
	why: 'The stats host is served through snf-webproject: its gunicorn, never stopped, still runs the 0.14 code until it restarts. It restarts here, so it runs 0.15 even when section 2.6 is skipped.',
	notes: [restartNote(gunicornPidFiles)],
	skipReason: statsGunicornSkip,
	rerunSafe: true,
	actions: ctx => [service(statsHost(ctx), 'gunicorn', 'restart')],
	probes(ctx) {
		const host = statsHost(ctx);
		// dpkg rewrites /var/lib/dpkg/info/PKG.list when it unpacks PKG: the time each stats package was upgraded.
		const lists = ['snf-common', 'snf-django-lib', 'snf-webproject', ...rolePackages.stats].map(name => ctx.path(host, `/var/lib/dpkg/info/${name}.list`));
		return [restartProbe(host, statsGunicornWatch(ctx, lists), 'gunicorn runs the 0.15 code, started after the stats packages were upgraded')];
	},
};
