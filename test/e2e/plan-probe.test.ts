import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureCliBuilt, filesUnder, runCli} from './run-helpers.js';

let parent: string;
beforeAll(() => {
	ensureCliBuilt();
	parent = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-plan-probe-'));
}, 120_000);
afterAll(() => {
	fs.rmSync(parent, {recursive: true, force: true});
});

/** The probe lines printed under a step's title in the text plan. */
function probeLines(text: string, step: string): string[] {
	const lines = text.split('\n');
	const start = lines.findIndex(line => line.startsWith(`[${step}] `));
	expect(start).toBeGreaterThanOrEqual(0);
	const after = lines.slice(start + 1);
	const end = after.findIndex(line => !line.startsWith('  probe: '));
	return after.slice(0, end === -1 ? after.length : end).map(line => line.slice('  probe: '.length));
}

describe('plan --probe', () => {
	it('annotates each step by its read-only probes (will run / already done / cannot tell); a plain plan reads nothing', async () => {
		const sandbox = path.join(parent, 'sb');
		const state = path.join(parent, 'state');
		expect((await runCli(['sandbox', sandbox])).code).toBe(0);
		const answers = path.join(sandbox, 'answers.json');

		const plain = await runCli(['plan', '--answers', answers, '--state-dir', state]);
		expect(plain.code).toBe(0);
		expect(plain.stdout).not.toContain('  probe: ');
		expect(filesUnder(path.join(state, 'transcripts'))).toEqual([]);

		const fresh = await runCli(['plan', '--probe', '--answers', answers, '--state-dir', state]);
		expect(fresh.stderr).toBe('');
		expect(fresh.code).toBe(0);
		expect(probeLines(fresh.stdout, 'backup-databases')).toEqual([expect.stringMatching(/^will run on astakos: .*missing or empty: .*-before-0\.15\.dump$/)]);
		expect(probeLines(fresh.stdout, 'install-packages').every(line => line.startsWith('will run on '))).toBe(true);
		expect(fresh.stdout).toMatch(/\n {2}probe: cannot tell on [^:]+: /);
		expect(filesUnder(path.join(state, 'transcripts')).length).toBeGreaterThan(0);

		const before = fs.readFileSync(path.join(sandbox, 'state.json'), 'utf8');
		const ran = await runCli(['run', '--yes', '--only', 'services-down', '--answers', answers, '--state-dir', state]);
		expect(ran.code).toBe(0);
		expect(fs.readFileSync(path.join(sandbox, 'state.json'), 'utf8')).not.toEqual(before);
		const after = await runCli(['plan', '--probe', '--answers', answers, '--state-dir', state]);
		expect(after.code).toBe(0);
		expect(probeLines(after.stdout, 'backup-databases')).toEqual([expect.stringMatching(/^already done on astakos: .*whole/)]);
		expect(probeLines(after.stdout, 'install-packages').every(line => line.startsWith('will run on '))).toBe(true);
		// Probing changed nothing on any host.
		const probedState = fs.readFileSync(path.join(sandbox, 'state.json'), 'utf8');
		expect((await runCli(['plan', '--probe', '--answers', answers, '--state-dir', state])).code).toBe(0);
		expect(fs.readFileSync(path.join(sandbox, 'state.json'), 'utf8')).toEqual(probedState);
	}, 240_000);

	it('--probe needs an inventory and the text format', async () => {
		const noInventory = await runCli(['plan', '--probe', '--state-dir', path.join(parent, 'empty')]);
		expect(noInventory.code).toBe(2);
		expect(noInventory.stderr).toContain('plan --probe: no inventory');
		const json = await runCli(['plan', '--probe', '--format', 'json', '--state-dir', path.join(parent, 'empty')]);
		expect(json.code).toBe(2);
		expect(json.stderr).toContain('--probe annotates the text plan only');
	}, 60_000);
});
