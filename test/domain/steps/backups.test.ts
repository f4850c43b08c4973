import {spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {PlannedStep} from '../../../source/domain/plan-types.js';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {restoreCommand, wholeDumpVerdict} from '../../../source/domain/steps/backups.js';
import {commandsOf, examplePlan, exampleStep} from './plan-fixture.js';

/** Runs a rendered shell on this machine (as the db host would), returning exit code and output. */
function sh(script: string) {
	const result = spawnSync('/bin/sh', ['-c', script], {encoding: 'utf8'});
	return {exitCode: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** Runs the step's actions in order until one fails; returns the failing one's result, or undefined. */
function runActions(step: PlannedStep) {
	for (const action of commandsOf(step)) {
		const result = sh(renderShell(action.shell, 'reveal'));
		if (result.exitCode !== 0) {
			return result;
		}
	}

	return undefined;
}

const probeSays = (step: PlannedStep, index = 0) => step.probes[index]!.isDone(sh(renderShell(step.probes[index]!.shell, 'reveal')));
const plainDump = () => `printf '%s\\n' '--' '-- PostgreSQL database dump' '--' {db} '--' '-- PostgreSQL database dump complete' '--' > {file}`;

describe('database backups', () => {
	let scratch: string;
	let backupDir: string;
	beforeEach(() => {
		scratch = mkdtempSync(path.join(tmpdir(), 'snf-backup-'));
		backupDir = path.join(scratch, "it's $(backups)");
	});

	afterEach(() => {
		rmSync(scratch, {recursive: true, force: true});
	});

	const step = (backupCommand: string, id = 'backup-databases') => exampleStep(id, {set: {backupDir, backupDatabases: ['snf_apps'], backupCommand}});

	it('renders: the root-only directory, then each dump written to a partial file and renamed only once whole', () => {
		const rendered = exampleStep('backup-databases');
		const [mkdir, apps, pithos] = commandsOf(rendered).map(action => renderShell(action.shell, 'mask'));
		expect(mkdir).toBe('mkdir -p -m 0700 /var/backups/snf-upgrade');
		expect(apps).toContain('su - postgres -c "pg_dump -Fc snf_apps" > /var/backups/snf-upgrade/.snf_apps-before-0.15.dump.partial');
		expect(apps).toContain('f=/var/backups/snf-upgrade/snf_apps-before-0.15.dump');
		expect(apps).toMatch(/^umask 077$/m);
		expect(pithos).toContain('"pg_dump -Fc snf_pithos" > /var/backups/snf-upgrade/.snf_pithos-before-0.15.dump.partial');
		expect(commandsOf(rendered)[1]!.backup).toEqual({
			file: '/var/backups/snf-upgrade/snf_apps-before-0.15.dump',
			restore: 'su - postgres -c "pg_restore --clean --create -d postgres" < /var/backups/snf-upgrade/snf_apps-before-0.15.dump',
		});
		expect(rendered.probes.map(probe => probe.description)).toEqual(['snf_apps-before-0.15.dump is there and whole', 'snf_pithos-before-0.15.dump is there and whole']);
	});

	it('a whole dump (shell-quoted {db} and {file} in a custom command) is kept at its name, 0600 in an existing 0755 directory; the probe says done', () => {
		mkdirSync(backupDir);
		chmodSync(backupDir, 0o755);
		const rendered = step(plainDump());
		expect(runActions(rendered)).toBeUndefined();
		const file = path.join(backupDir, 'snf_apps-before-0.15.dump');
		expect(readFileSync(file, 'utf8')).toContain('snf_apps\n');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(statSync(backupDir).mode & 0o777).toBe(0o755);
		expect(readdirSync(backupDir)).toEqual(['snf_apps-before-0.15.dump']);
		expect(probeSays(rendered)).toEqual({ok: true, detail: expect.stringContaining("ends with pg_dump's closing comment") as string});
	});

	it('a dump command that fails after writing keeps nothing: no file at the name, no partial; the probe says not done', () => {
		const rendered = step("printf 'PGDMP\\001\\014\\000' > {file}; echo 'pg_dump: error: Dumping the contents of table \"im_astakosuser\" failed' >&2; exit 1 # {db}");
		const failed = runActions(rendered);
		expect(failed?.exitCode).toBe(1);
		expect(failed?.stderr).toContain('the dump of snf_apps failed (exit 1); no backup was kept');
		expect(readdirSync(backupDir)).toEqual([]);
		expect(probeSays(rendered)).toMatchObject({ok: false, detail: expect.stringMatching(/^missing or empty: /) as string});
	});

	it('a command that exits 0 with a cut dump keeps nothing', () => {
		const rendered = step("printf '%s\\n' '--' '-- PostgreSQL database dump' '--' 'COPY public.t (id) FROM stdin;' '1' > {file} # {db}");
		const failed = runActions(rendered);
		expect(failed?.exitCode).toBe(1);
		expect(failed?.stderr).toContain("plain SQL dump without pg_dump's closing comment; no backup was kept");
		expect(existsSync(path.join(backupDir, 'snf_apps-before-0.15.dump'))).toBe(false);
	});

	it('a cut file already at the name (left by an older snf-upgrade) is not a backup: the probe says not done, the rerun replaces it', () => {
		mkdirSync(backupDir);
		const file = path.join(backupDir, 'snf_apps-before-0.15.dump');
		sh(`printf 'PGDMP\\001\\014\\000\\004\\010\\001\\001' > '${file.replaceAll("'", "'\\''")}'`);
		const rendered = step(plainDump());
		expect(probeSays(rendered).ok).toBe(false);
		expect(runActions(rendered)).toBeUndefined();
		expect(probeSays(rendered).ok).toBe(true);
	});

	it('restore commands: pg_restore for archives, psql into a database made as facts §6 says for plain SQL, none for other commands', () => {
		expect(restoreCommand('su - postgres -c "pg_dump -Fc {db}" > {file}', 'snf_apps', '/b/x.dump')).toBe('su - postgres -c "pg_restore --clean --create -d postgres" < /b/x.dump');
		expect(restoreCommand('pg_dump --format=tar {db} > {file}', 'snf_apps', '/b/x.dump')).toContain('pg_restore --clean --create');
		expect(restoreCommand('su - postgres -c "pg_dump {db}" > {file}', 'snf_apps', '/b/x.sql')).toBe(
			'su - postgres -c "dropdb snf_apps && createdb -T template0 -E UTF8 --lc-collate=C --lc-ctype=C -O synnefo snf_apps && psql -X -q -v ON_ERROR_STOP=1 -d snf_apps" < /b/x.sql',
		);
		expect(restoreCommand('pg_dump -Fd -f {file} {db}', 'snf_apps', '/b/x')).toBeUndefined();
		expect(restoreCommand('my-backup {db} {file}', 'snf_apps', '/b/x')).toBeUndefined();
	});
});

describe('backups per stage', () => {
	const order = (plan: ReturnType<typeof examplePlan>) => plan.steps.map(step => step.id);

	it('after the migrations, after section 3 and after section 4, named by stage, on the db host', () => {
		const plan = examplePlan();
		const ids = order(plan);
		expect(ids.indexOf('backup-after-migrations')).toBe(ids.indexOf('migrate-pithos') + 1);
		expect(ids.indexOf('backup-after-floating-ips')).toBe(ids.indexOf('convert-public-ips') + 1);
		expect(ids.indexOf('backup-after-quotas')).toBe(ids.indexOf('reconcile-resources') + 1);
		for (const [id, stage] of [['backup-after-migrations', 'after-migrations'], ['backup-after-floating-ips', 'after-floating-ips'], ['backup-after-quotas', 'after-quotas']] as const) {
			const stepOfStage = plan.steps.find(candidate => candidate.id === id)!;
			expect(stepOfStage.skipped).toBeUndefined();
			expect(commandsOf(stepOfStage).slice(1).map(action => action.backup?.file)).toEqual([
				`/var/backups/snf-upgrade/snf_apps-${stage}.dump`,
				`/var/backups/snf-upgrade/snf_pithos-${stage}.dump`,
			]);
			expect(new Set(commandsOf(stepOfStage).map(action => action.host.id))).toEqual(new Set(['db']));
		}
	});

	it('stageBackups false turns them off, not the backup before the upgrade', () => {
		const plan = examplePlan({set: {stageBackups: false}});
		const skipped = plan.steps.filter(step => step.skipped !== undefined).map(step => step.id);
		expect(skipped).toEqual(expect.arrayContaining(['backup-after-migrations', 'backup-after-floating-ips', 'backup-after-quotas']));
		expect(skipped).not.toContain('backup-databases');
	});
});

describe('the whole-dump verdict', () => {
	it('done on its positive evidence, to do on its negative evidence, cannot tell otherwise', () => {
		expect(wholeDumpVerdict({exitCode: 0, stdout: 'whole: pg_restore read every block of /b/x.dump\n', stderr: ''})).toEqual({ok: true, detail: 'pg_restore read every block of /b/x.dump'});
		expect(wholeDumpVerdict({exitCode: 1, stdout: 'missing or empty: /b/x.dump\n', stderr: ''})).toEqual({ok: false, detail: 'missing or empty: /b/x.dump'});
		expect(wholeDumpVerdict({exitCode: 1, stdout: 'not whole: pg_restore: error: could not read from input file: end of file\n', stderr: ''}).cannotTell).toBeUndefined();
		for (const output of [
			{exitCode: 2, stdout: 'cannot tell: no pg_restore on this host to read /b/x.dump\n', stderr: ''},
			{exitCode: 0, stdout: '', stderr: ''},
			{exitCode: 0, stdout: 'something else\n', stderr: ''},
			{exitCode: null, stdout: '', stderr: ''},
			{exitCode: 127, stdout: '', stderr: 'sh: 1: head: not found\n'},
		]) {
			expect(wholeDumpVerdict(output)).toMatchObject({ok: false, cannotTell: true});
		}
	});
});
