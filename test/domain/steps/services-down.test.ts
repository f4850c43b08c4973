import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {combinedInventory, commandsOf, exampleStep, lines, output} from './plan-fixture.js';

describe('1 services down', () => {
	it('stops gunicorn on each web host, snf-dispatcher on Cyclades, snf-ganeti-eventd on each master', () => {
		const step = exampleStep('stop-services');
		expect(lines(step)).toEqual([
			'astakos: service gunicorn stop',
			'cyclades: service gunicorn stop',
			'pithos: service gunicorn stop',
			'cyclades: service snf-dispatcher stop',
			'gnt1.example.synnefo.org: service snf-ganeti-eventd stop',
			'gnt3.example.synnefo.org: service snf-ganeti-eventd stop',
		]);
		expect(commandsOf(step).every(action => action.mutates && action.asRoot)).toBe(true);
	});

	it('runs each command once on a host that plays several roles', () => {
		expect(lines(exampleStep('stop-services', {inventory: combinedInventory()}))).toEqual([
			'web: service gunicorn stop',
			'web: service snf-dispatcher stop',
			'gnt1.example.synnefo.org: service snf-ganeti-eventd stop',
			'gnt3.example.synnefo.org: service snf-ganeti-eventd stop',
		]);
	});
});

describe('1 database backups', () => {
	let scratch: string | undefined;
	afterEach(() => {
		if (scratch) {
			rmSync(scratch, {recursive: true, force: true});
			scratch = undefined;
		}
	});

	it('makes the backup directory, then dumps each database on the db host with the default pg_dump command', () => {
		const step = exampleStep('backup-databases');
		expect(lines(step)).toEqual([
			'db: mkdir -p -m 0700 /var/backups/snf-upgrade',
			'db: su - postgres -c "pg_dump -Fc snf_apps" > /var/backups/snf-upgrade/snf_apps-before-0.15.dump',
			'db: su - postgres -c "pg_dump -Fc snf_pithos" > /var/backups/snf-upgrade/snf_pithos-before-0.15.dump',
		]);
		expect(commandsOf(step).every(action => action.mutates && action.asRoot)).toBe(true);
		expect(step.probes.map(probe => renderShell(probe.shell, 'mask'))).toEqual([
			'test -s /var/backups/snf-upgrade/snf_apps-before-0.15.dump',
			'test -s /var/backups/snf-upgrade/snf_pithos-before-0.15.dump',
		]);
		expect(step.probes[0]!.isDone(output('', '', 1)).ok).toBe(false);
		expect(step.probes[0]!.isDone(output('')).ok).toBe(true);
	});

	it('substitutes shell-quoted {db} and {file} into a custom command that really runs', () => {
		scratch = mkdtempSync(path.join(tmpdir(), 'snf-backup-'));
		const backupDir = path.join(scratch, "it's $(backups)");
		const step = exampleStep('backup-databases', {
			set: {backupDir, backupDatabases: ['snf_apps'], backupCommand: 'printf "%s" {db} > {file}'},
		});
		for (const action of commandsOf(step)) {
			execFileSync('/bin/sh', ['-c', renderShell(action.shell, 'reveal')]);
		}

		expect(readFileSync(path.join(backupDir, 'snf_apps-before-0.15.dump'), 'utf8')).toBe('snf_apps');
		expect(execFileSync('/bin/sh', ['-c', `${renderShell(step.probes[0]!.shell, 'reveal')} && echo yes`], {encoding: 'utf8'})).toBe('yes\n');
	});
});
