import {describe, expect, it} from 'vitest';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {applyEdits} from '../../../source/domain/transforms/apply-edits.js';
import {shibboleth2Xml} from '../../../source/sandbox/files/shibboleth.js';
import {status} from '../../helpers/verdict-status.js';
import {editsOf, exampleStep, inventoryWith, lines, output, pythonValues, secretEnv} from './plan-fixture.js';

const noStats = () =>
	inventoryWith(raw => {
		delete raw['stats'];
	});

describe('2.6 stats', () => {
	it("sets STATS_BASE_URL and STATS_SECRET_KEY in the stats host's 20-snf-stats-app-settings.conf", () => {
		const step = exampleStep('stats-settings');
		expect(lines(step)).toEqual([
			"stats: edit /etc/synnefo/20-snf-stats-app-settings.conf: set STATS_BASE_URL = 'https://stats.example.synnefo.org/stats/' | set STATS_SECRET_KEY = '••••'",
		]);
		expect(step.notes.join(' ')).toMatch(/20-snf-stats-settings\.conf/);
	});

	it('sets the same secret and the four v1.0 graph URLs in the Cyclades api conf', () => {
		const step = exampleStep('cyclades-stats-settings');
		expect(lines(step)).toEqual([
			'cyclades: edit /etc/synnefo/20-snf-cyclades-app-api.conf: ' + [
				"set CYCLADES_STATS_SECRET_KEY = '••••'",
				"set CPU_BAR_GRAPH_URL = 'https://stats.example.synnefo.org/stats/v1.0/cpu-bar/%s'",
				"set CPU_TIMESERIES_GRAPH_URL = 'https://stats.example.synnefo.org/stats/v1.0/cpu-ts/%s'",
				"set NET_BAR_GRAPH_URL = 'https://stats.example.synnefo.org/stats/v1.0/net-bar/%s'",
				"set NET_TIMESERIES_GRAPH_URL = 'https://stats.example.synnefo.org/stats/v1.0/net-ts/%s'",
			].join(' | '),
		]);
		expect(step.notes.join(' ')).toMatch(/typo/);
		const cyclades = pythonValues(applyEdits('', editsOf(step)[0]!.edits, 'reveal'), ['CYCLADES_STATS_SECRET_KEY']);
		const stats = pythonValues(applyEdits('', editsOf(exampleStep('stats-settings'))[0]!.edits, 'reveal'), ['STATS_SECRET_KEY']);
		expect(cyclades['CYCLADES_STATS_SECRET_KEY']).toBe(secretEnv.SNF_STATS_SECRET_KEY);
		expect(stats['STATS_SECRET_KEY']).toBe(secretEnv.SNF_STATS_SECRET_KEY);
	});

	it('builds the graph URLs from a base URL without a trailing slash too', () => {
		expect(lines(exampleStep('cyclades-stats-settings', {set: {statsBaseUrl: 'https://stats.example.org:8443/stats'}}))[0]).toContain("'https://stats.example.org:8443/stats/v1.0/cpu-bar/%s'");
	});

	it('runs the RRD migration command as written on the stats host only when given', () => {
		expect(exampleStep('stats-rrd-migration').skipped).toMatch(/statsRrdMigrationCommand is not set/);
		const step = exampleStep('stats-rrd-migration', {set: {statsRrdMigrationCommand: 'perl /usr/share/doc/collectd-core/examples/migrate-4-5.px --indir /var/lib/collectd/rrd | sh'}});
		expect(lines(step)).toEqual(['stats: perl /usr/share/doc/collectd-core/examples/migrate-4-5.px --indir /var/lib/collectd/rrd | sh']);
	});

	it('restarts gunicorn on the stats host, unless that host serves a web component still down', () => {
		expect(lines(exampleStep('restart-stats'))).toEqual(['stats: service gunicorn restart']);
		const shared = inventoryWith(raw => {
			raw['stats'] = raw['cyclades'];
		});
		expect(exampleStep('restart-stats', {inventory: shared}).skipped).toMatch(/stays down until section 5/);
	});

	it('skips every stats step without a stats host', () => {
		for (const id of ['stats-settings', 'cyclades-stats-settings', 'stats-rrd-migration', 'restart-stats']) {
			const step = exampleStep(id, {inventory: noStats(), unset: ['statsBaseUrl', 'statsSecretKey']});
			expect(step.skipped).toBe('the inventory has no stats host');
			expect(step.missing).toEqual([]);
		}
	});
});

describe('2.7 Shibboleth', () => {
	it('sets REMOTE_USER on ApplicationDefaults, checked with shibd', () => {
		const step = exampleStep('shibboleth-remote-user');
		expect(lines(step)).toEqual(['astakos: edit /etc/shibboleth/shibboleth2.xml: set REMOTE_USER="persistent-nameid persistent-id targeted-id" on <ApplicationDefaults>']);
		expect(editsOf(step)[0]!.validate).toBe('shibd');
		expect(step.notes.join(' ')).toMatch(/invalidates every existing Shibboleth-linked Astakos account/);
	});

	it('REMOTE_USER is done when setting it on the file read changes nothing; restart-shibd needs it too', () => {
		const step = exampleStep('shibboleth-remote-user');
		const [probe] = step.probes;
		expect(renderShell(probe!.shell, 'mask')).toBe('cat -- /etc/shibboleth/shibboleth2.xml');
		expect(probe!.isDone(output(shibboleth2Xml))).toEqual({ok: false, detail: '/etc/shibboleth/shibboleth2.xml still needs: set REMOTE_USER="persistent-nameid persistent-id targeted-id" on <ApplicationDefaults>'});
		const edited = applyEdits(shibboleth2Xml, editsOf(step)[0]!.edits, 'reveal');
		expect(probe!.isDone(output(edited)).ok).toBe(true);
		expect(status(probe!.isDone(output('<SPConfig/>\n')))).toBe('cannot tell');
		expect(status(probe!.isDone(output('', 'cat: /etc/shibboleth/shibboleth2.xml: Permission denied\n', 1)))).toBe('cannot tell');
		const restart = exampleStep('restart-shibd');
		expect(restart.probes.map(candidate => candidate.description)).toEqual(['ApplicationDefaults has the planned REMOTE_USER', 'shibd runs, started after shibboleth2.xml last changed']);
		expect(renderShell(restart.probes[1]!.shell, 'mask')).toMatch(/^service shibd status .*for f in \/var\/run\/shibboleth\/shibd\.pid; do .*for f in \/etc\/shibboleth\/shibboleth2\.xml; do /);
		expect(restart.rerunSafe).toBe(true);
	});

	it('turns ASTAKOS_SHIBBOLETH_MIGRATE_EPPN on when leaving eppn, then restarts shibd', () => {
		expect(lines(exampleStep('shibboleth-migrate-eppn'))).toEqual(['astakos: edit /etc/synnefo/20-snf-astakos-app-settings.conf: set ASTAKOS_SHIBBOLETH_MIGRATE_EPPN = True']);
		expect(lines(exampleStep('restart-shibd'))).toEqual(['astakos: service shibd restart']);
	});

	it('does not migrate eppn when REMOTE_USER keeps eppn', () => {
		expect(exampleStep('shibboleth-migrate-eppn', {set: {shibbolethRemoteUser: 'eppn'}}).skipped).toMatch(/keeps eppn/);
		expect(lines(exampleStep('shibboleth-remote-user', {set: {shibbolethRemoteUser: 'eppn'}}))[0]).toContain('REMOTE_USER="eppn"');
	});

	it('is skipped unless Shibboleth is enabled', () => {
		for (const id of ['shibboleth-remote-user', 'shibboleth-migrate-eppn', 'restart-shibd']) {
			expect(exampleStep(id, {set: {shibbolethEnabled: false}}).skipped).toMatch(/not enabled/);
		}
	});
});
