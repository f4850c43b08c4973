import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureCliBuilt, runCli} from './run-helpers.js';
import {clearFaults, injectFaults} from './sandbox-faults.js';

let parent: string;
let sandbox: string;
let state: string;
let backups: string;
let args: string[];

beforeAll(async () => {
	ensureCliBuilt();
	parent = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-backups-'));
	sandbox = path.join(parent, 'sb');
	state = path.join(parent, 'state');
	expect((await runCli(['sandbox', sandbox])).code).toBe(0);
	// An existing backup directory readable by all, as /var/backups is: the dumps must still be 0600.
	backups = path.join(sandbox, 'astakos/var/backups/snf-upgrade');
	fs.mkdirSync(backups, {recursive: true, mode: 0o755});
	fs.chmodSync(backups, 0o755);
	args = ['run', '--yes', '--answers', path.join(sandbox, 'answers.json'), '--state-dir', state];
}, 120_000);

afterAll(() => {
	fs.rmSync(parent, {recursive: true, force: true});
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('run --yes: database backups are whole or not kept, one per stage, listed with their restore commands', () => {
	it('pg_dump failing after 14 bytes stops the run before the migrations, and nothing is kept under the dump\'s name', async () => {
		injectFaults(sandbox, [{host: 'astakos', program: 'pg_dump', args: ['snf_pithos'], effect: 'fail-after-bytes', bytes: 14}]);
		const first = await runCli(args);
		expect(first.code).toBe(1);
		expect(first.stdout).toMatch(/backup-databases @ astakos: FAILED: .*the dump of snf_pithos failed \(exit 1\); no backup was kept/s);
		expect(first.stdout).toContain('server closed the connection unexpectedly');
		expect(first.stdout).not.toContain('migrate-astakos');
		expect(fs.readdirSync(backups)).toEqual(['snf_apps-before-0.15.dump']);
		expect(mode(path.join(backups, 'snf_apps-before-0.15.dump'))).toBe(0o600);
		// The summary lists the dump that was made, with its restore command.
		expect(first.stdout).toContain(`  astakos: ${backups}/snf_apps-before-0.15.dump\n      su - postgres -c "pg_restore --clean --create -d postgres" < ${backups}/snf_apps-before-0.15.dump\n`);
	}, 120_000);

	it('the rerun takes every dump again and goes on; the end of the run lists each dump and settings backup with its restore command', async () => {
		clearFaults(sandbox);
		const rerun = await runCli(args);
		expect(rerun.stderr).not.toContain('failed on');
		expect(rerun.code).toBe(0);
		const expected = ['before-0.15', 'after-migrations', 'after-floating-ips', 'after-quotas'].flatMap(stage => [`snf_apps-${stage}.dump`, `snf_pithos-${stage}.dump`]);
		expect(fs.readdirSync(backups).sort()).toEqual([...expected].sort());
		for (const name of expected) {
			expect(mode(path.join(backups, name))).toBe(0o600);
		}

		const summary = rerun.stdout.slice(rerun.stdout.indexOf('Backups this run made'));
		for (const name of expected) {
			expect(summary).toContain(`  astakos: ${backups}/${name}\n      su - postgres -c "pg_restore --clean --create -d postgres" < ${backups}/${name}\n`);
		}

		const settingsBackups = [...summary.matchAll(/^ {2}(\S+): (\S+\.snf-upgrade-\d{8}T\d{6}Z(?:-\d+)?\.bak)\n {6}cp -p -- (\S+) (\S+)$/gm)];
		expect(settingsBackups.length).toBeGreaterThanOrEqual(6);
		for (const [, , backup, source, target] of settingsBackups) {
			expect(source).toBe(backup);
			expect(fs.existsSync(backup!)).toBe(true);
			expect(fs.existsSync(target!)).toBe(true);
			expect(mode(backup!)).toBe(mode(target!));
		}

		const verify = await runCli(['sandbox', 'verify', sandbox]);
		expect(verify.stdout).toContain('PASS backup snf_pithos-after-quotas.dump is whole and 0600');
		expect(verify.stdout).not.toMatch(/FAIL/);
		expect(verify.code).toBe(0);
	}, 300_000);
});
