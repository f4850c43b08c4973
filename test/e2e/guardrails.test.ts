import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureCliBuilt, runCli} from './run-helpers.js';

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
});
