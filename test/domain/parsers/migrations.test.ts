import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {pendingMigrations, pithosAtHead, pithosHeadRevision} from '../../../source/domain/parsers/migrations.js';

const migrateList = readFileSync(new URL('../../fixtures/parsers/migrate-list.txt', import.meta.url), 'utf8');

describe('pendingMigrations', () => {
	it('lists pending South migrations as "app name"', () => {
		expect(pendingMigrations(migrateList)).toEqual([
			'im 0043_uninitialized_projects',
			'im 0062_accept_with_usage',
			'oa2 0001_initial',
			'oa2 0004_auto__add_field_client_is_trusted',
			'quotaholder_app 0011_delete_unused_holdings',
		]);
	});

	it('is empty when everything is applied, also with the -v 2 date suffix', () => {
		expect(pendingMigrations(' db\n  (*) 0098_auto__add_field_flavor_allow_create (applied 2014-03-12 10:00:00)\n')).toEqual([]);
	});

	it('throws when a migration comes before an app name', () => {
		expect(() => pendingMigrations('  ( ) 0001_initial\n')).toThrow('migration 0001_initial comes before any app name');
	});
});

describe('pithosAtHead', () => {
	it('is true only when the current revision is the 0.15 head', () => {
		expect(pithosHeadRevision).toBe('301fba21d9b8');
		expect(pithosAtHead('Current revision for postgresql://synnefo:XXXXX@db.example.org:5432/snf_pithos: 54dbdde2d187 -> 301fba21d9b8 (head), update public\n')).toBe(true);
		expect(pithosAtHead('Current revision for postgresql://synnefo:XXXXX@db:5432/snf_pithos: 3b62b3f1bf6c -> 54dbdde2d187, add account quota\n')).toBe(false);
		expect(pithosAtHead('Current revision for sqlite:///tmp/x.db: 301fba21d9b8\n')).toBe(true);
		expect(pithosAtHead('Current revision for sqlite:///tmp/x.db: None\n')).toBe(false);
		expect(pithosAtHead('Traceback (most recent call last):\n  ... 301fba21d9b8\n')).toBe(false);
	});
});
