import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {missingHeads, parseMigrateList, pithosCurrentRevision, pithosHeadRevision, southHeads} from '../../../source/domain/parsers/migrations.js';
import {pithosVerdict, southVerdict} from '../../../source/domain/steps/migrate.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/parsers/${name}`, import.meta.url), 'utf8');
const run = (stdout: string, stderr = '', exitCode: number | null = 0) => ({stdout, stderr, exitCode});

describe('parseMigrateList', () => {
	it('reads apps and their applied and pending migrations', () => {
		const apps = parseMigrateList(fixture('migrate-list.txt'));
		expect(apps.map(app => app.app)).toEqual(['im', 'oa2', 'quotaholder_app', 'userdata']);
		expect(apps[0]!.migrations).toEqual([
			{name: '0001_initial', applied: true},
			{name: '0042_service_origin', applied: true},
			{name: '0043_uninitialized_projects', applied: false},
			{name: '0062_accept_with_usage', applied: false},
		]);
	});

	it.each([
		['empty output', ''],
		['only blank lines', '\n\n'],
		['a settings error', 'Failed to read settings file: /etc/synnefo/20-x.conf [SyntaxError]\n'],
		['Django help', "\nType 'snf-manage help <subcommand>' for help on a specific subcommand.\n"],
		['app labels without migrations', ' im\n oa2\n'],
	])('refuses %s: no evidence of any migration', (_name, text) => {
		expect(() => parseMigrateList(text)).toThrow(/printed no South app with migrations/);
	});

	it('refuses a migration before any app name', () => {
		expect(() => parseMigrateList('  ( ) 0001_initial\n')).toThrow('migration 0001_initial comes before any app name');
	});
});

describe('missingHeads', () => {
	it('names apps that are absent or not at their 0.15 head', () => {
		expect(missingHeads(parseMigrateList(fixture('migrate-list-astakos-0.14.txt')), southHeads.astakos))
			.toEqual(['im has no migration 0062 yet', 'app oa2 not listed', 'quotaholder_app has no migration 0011 yet']);
		expect(missingHeads(parseMigrateList(fixture('migrate-list-astakos-0.15-done.txt')), southHeads.astakos)).toEqual([]);
	});
});

describe('the migration probes', () => {
	it.each([
		['Astakos at 0.15, all applied', fixture('migrate-list-astakos-0.15-done.txt'), southHeads.astakos, 'done'],
		['Astakos at 0.14 (nothing pending, but no 0.15 code)', fixture('migrate-list-astakos-0.14.txt'), southHeads.astakos, 'to do'],
		['Cyclades at 0.14', fixture('migrate-list-cyclades-0.14.txt'), southHeads.cyclades, 'to do'],
		['Cyclades at 0.15 with -v 2 dates', fixture('migrate-list-cyclades-0.15-v2.txt'), southHeads.cyclades, 'done'],
		['pending migrations', fixture('migrate-list.txt'), southHeads.astakos, 'to do'],
		['empty output, exit 0', '', southHeads.astakos, 'cannot tell'],
		['unrelated output, exit 0', 'Unknown command: \'migrate\'\n', southHeads.cyclades, 'cannot tell'],
	])('%s → %s', (_name, stdout, heads, expected) => {
		const result = southVerdict(run(stdout), heads);
		expect(result.ok ? 'done' : (result.cannotTell ? 'cannot tell' : 'to do')).toBe(expected);
	});

	it('a failed migrate --list cannot tell, with its last line', () => {
		expect(southVerdict(run('', 'Traceback (most recent call last):\nImportError: No module named south\n', 1), southHeads.astakos))
			.toEqual({ok: false, cannotTell: true, detail: 'the command exited with 1: ImportError: No module named south'});
	});
});

describe('pithosCurrentRevision and its probe', () => {
	const url = 'postgresql://synnefo:XXXXX@db.example.org:5432/snf_pithos';
	it.each([
		[`Current revision for ${url}: 54dbdde2d187 -> 301fba21d9b8 (head), update public\n`, '301fba21d9b8', 'done'],
		[`Current revision for ${url}: 3b62b3f1bf6c -> 54dbdde2d187, add account quota\n`, '54dbdde2d187', 'to do'],
		['Current revision for sqlite:///tmp/x.db: 301fba21d9b8\n', '301fba21d9b8', 'done'],
		['Current revision for sqlite:///tmp/x.db: None\n', null, 'to do'],
	])('%s', (stdout, revision, expected) => {
		expect(pithosCurrentRevision(stdout)).toBe(revision);
		const result = pithosVerdict(run(stdout));
		expect(result.ok ? 'done' : (result.cannotTell ? 'cannot tell' : 'to do')).toBe(expected);
	});

	it.each([
		['empty', ''],
		['a traceback naming the head', `Traceback (most recent call last):\n  ... ${pithosHeadRevision}\n`],
		['an unreadable revision', 'Current revision for sqlite:///x: ???\n'],
	])('cannot tell from %s output', (_name, stdout) => {
		expect(pithosVerdict(run(stdout))).toMatchObject({ok: false, cannotTell: true});
	});
});
