import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureCliBuilt, filesUnder, runCli} from './run-helpers.js';

let parent: string;
beforeAll(() => {
	ensureCliBuilt();
	parent = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-guardrails-'));
}, 120_000);
afterAll(() => {
	fs.rmSync(parent, {recursive: true, force: true});
});

describe('guardrails the runner asserts before a step', () => {
	it('gunicorn started by hand after the package install stops the migration step before it runs', async () => {
		const sandbox = path.join(parent, 'sb');
		const state = path.join(parent, 'state');
		expect((await runCli(['sandbox', sandbox])).code).toBe(0);
		const answers = path.join(sandbox, 'answers.json');
		const installed = await runCli(['run', '--yes', '--only', 'services-down', '--only', 'packages', '--answers', answers, '--state-dir', state]);
		expect(installed.stderr).not.toContain('FAILED');
		expect(installed.code).toBe(0);
		const document = JSON.parse(fs.readFileSync(answers, 'utf8')) as {inventory: {pithos: {local: {root: string; env: Record<string, string>}}}};
		const started = spawnSync('sh', ['-c', 'service gunicorn start'], {encoding: 'utf8', env: {...process.env, ...document.inventory.pithos.local.env}, cwd: document.inventory.pithos.local.root});
		expect(started.status).toBe(0);
		const before = (JSON.parse(fs.readFileSync(path.join(sandbox, 'state.json'), 'utf8')) as {migrations: unknown}).migrations;
		const result = await runCli(['run', '--yes', '--only', 'migrate', '--answers', answers, '--state-dir', state]);
		expect(result.code).toBe(1);
		expect(`${result.stdout}${result.stderr}`).toContain('guardrail: gunicorn is stopped on pithos: gunicorn is running on pithos');
		expect(`${result.stdout}${result.stderr}`).toContain('service gunicorn stop on pithos');
		expect(result.stdout).not.toMatch(/snf-manage (syncdb|migrate)\b/);
		expect((JSON.parse(fs.readFileSync(path.join(sandbox, 'state.json'), 'utf8')) as {migrations: unknown}).migrations).toEqual(before);
	}, 240_000);

	it('a whole-database backup cut short after backup-databases stops the first migration before it runs', async () => {
		const sandbox = path.join(parent, 'sb-backup');
		const state = path.join(parent, 'state-backup');
		expect((await runCli(['sandbox', sandbox])).code).toBe(0);
		const answers = path.join(sandbox, 'answers.json');
		const installed = await runCli(['run', '--yes', '--only', 'services-down', '--only', 'packages', '--answers', answers, '--state-dir', state]);
		expect(installed.code).toBe(0);
		const dump = filesUnder(sandbox).find(file => file.endsWith('/snf_apps-before-0.15.dump'));
		expect(dump).toBeDefined();
		// Cut in its data: the table of contents (what `pg_restore -l` reads) survives.
		const size = fs.statSync(dump!).size;
		fs.truncateSync(dump!, Math.floor(size * 0.8));
		const before = (JSON.parse(fs.readFileSync(path.join(sandbox, 'state.json'), 'utf8')) as {migrations: unknown}).migrations;
		const result = await runCli(['run', '--yes', '--only', 'migrate', '--answers', answers, '--state-dir', state]);
		const output = `${result.stdout}${result.stderr}`;
		expect(result.code).toBe(1);
		expect(output).toContain('guardrail: the backup before the migrations: snf_apps-before-0.15.dump is there and whole: not whole');
		expect(output).toContain('step backup-databases');
		expect(result.stdout).not.toMatch(/snf-manage (syncdb|migrate)\b/);
		expect((JSON.parse(fs.readFileSync(path.join(sandbox, 'state.json'), 'utf8')) as {migrations: unknown}).migrations).toEqual(before);
	}, 240_000);

	it('aptConffiles=new: the keys the install replaced stop the step after it, naming each key lost and the .dpkg-old that holds it', async () => {
		const sandbox = path.join(parent, 'sb-conffiles');
		const state = path.join(parent, 'state-conffiles');
		expect((await runCli(['sandbox', sandbox])).code).toBe(0);
		const answers = path.join(sandbox, 'answers.json');
		const result = await runCli(['run', '--yes', '--set', 'aptConffiles=new', '--only', 'services-down', '--only', 'packages', '--answers', answers, '--state-dir', state]);
		const output = `${result.stdout}${result.stderr}`;
		expect(result.code).toBe(1);
		const pithosOld = filesUnder(sandbox).find(file => file.endsWith('/etc/synnefo/20-snf-pithos-app-settings.conf.dpkg-old'));
		expect(pithosOld).toBeDefined();
		expect(output).toContain('guardrail: the settings keys in force before the package install are still in force on');
		expect(output).toMatch(/on astakos: [^\n]*ASTAKOS_IM_MODULES[^;\n]*\(kept in [^)]*astakos\/etc\/synnefo\/20-snf-astakos-app-settings\.conf\.dpkg-old\)/);
		expect(output).toContain('.dpkg-old file(s) named');
		// The step after the install is the one stopped: its dpkg-query never ran.
		expect(output).toContain('check-webproject-version @ astakos: FAILED: guardrail');
		expect(result.stdout).not.toMatch(/dpkg-query[^\n]*snf-common[^\n]*snf-webproject/);
		// The admin's fix on astakos and cyclades (their files back); pithos still lacks its database.
		for (const old of filesUnder(sandbox).filter(file => /\/(astakos|cyclades)\/etc\/synnefo\/.*\.dpkg-old$/.test(file))) {
			fs.renameSync(old, old.replace(/\.dpkg-old$/, ''));
		}

		const again = await runCli(['run', '--yes', '--set', 'aptConffiles=new', '--only', 'packages', '--answers', answers, '--state-dir', state]);
		expect(again.code).toBe(1);
		expect(`${again.stdout}${again.stderr}`).toMatch(/on pithos: [^\n]*PITHOS_BACKEND_DB_CONNECTION[^;\n]*\(kept in [^)]*pithos\/etc\/synnefo\/20-snf-pithos-app-settings\.conf\.dpkg-old\)/);
		for (const old of filesUnder(sandbox).filter(file => file.endsWith('.dpkg-old') && file.includes('/etc/synnefo/'))) {
			fs.renameSync(old, old.replace(/\.dpkg-old$/, ''));
		}

		const fixed = await runCli(['run', '--yes', '--set', 'aptConffiles=new', '--only', 'packages', '--answers', answers, '--state-dir', state]);
		expect(`${fixed.stdout}${fixed.stderr}`).not.toContain('FAILED');
		expect(fixed.code).toBe(0);
	}, 240_000);
});
