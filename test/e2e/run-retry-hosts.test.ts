import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureCliBuilt, runCli} from './run-helpers.js';
import {clearFaults, injectFaults} from './sandbox-faults.js';

let parent: string;
let sandbox: string;
let state: string;
let args: string[];
let retryFile: string;

beforeAll(async () => {
	ensureCliBuilt();
	parent = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-retry-'));
	sandbox = path.join(parent, 'sb');
	state = path.join(parent, 'state');
	expect((await runCli(['sandbox', sandbox])).code).toBe(0);
	args = ['run', '--yes', '--answers', path.join(sandbox, 'answers.json'), '--state-dir', state];
}, 120_000);

afterAll(() => {
	fs.rmSync(parent, {recursive: true, force: true});
});

const node = 'ganeti1-node2';

describe('run --yes on a fleet: step summaries, and a rerun of only the failed hosts', () => {
	it('refuses unknown --hosts ids before touching any host, naming them with the closest known id', async () => {
		const result = await runCli([...args, '--hosts', 'ganeti1-node3,astakos,nosuchhost']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain("unknown hosts 'ganeti1-node3' (did you mean 'ganeti1-node2'?), 'nosuchhost'");
		expect(fs.existsSync(path.join(state, 'journals'))).toBe(false);
	}, 60_000);

	it('apt-get install failing on one Ganeti node: the step summary names it, and the retry file holds only it', async () => {
		injectFaults(sandbox, [{host: node, program: 'apt-get', args: ['install'], effect: 'fail', exitCode: 100, message: 'E: Sub-process /usr/bin/dpkg returned an error code (1)'}]);
		const first = await runCli(args);
		expect(first.code).toBe(1);
		expect(first.stdout).toMatch(new RegExp(`^\\[2\\.1 packages\\] install-packages on \\d+ hosts: FAILED on ${node}; \\d+ done, 0 already done, 1 failed, 0 skipped$`, 'm'));
		const named = /their ids are in (\S+)\. After fixing the cause, rerun only them:\n {2}(.+)\n/.exec(first.stderr);
		expect(named, first.stderr).not.toBeNull();
		retryFile = named![1]!;
		expect(path.dirname(retryFile)).toBe(path.join(state, 'retry'));
		expect(fs.readFileSync(retryFile, 'utf8')).toBe(`${node}\n`);
		expect(named![2]).toBe(`snf-upgrade run --yes --hosts @${retryFile} --answers ${path.join(sandbox, 'answers.json')} --state-dir ${state}`);
	}, 180_000);

	it('with the fault removed, --hosts @FILE reruns only that node, and a full run then completes the upgrade', async () => {
		clearFaults(sandbox);
		const rerun = await runCli([...args, '--hosts', `@${retryFile}`]);
		expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
		const hostsInLines = new Set([...rerun.stdout.matchAll(/^\[[^\]]+\] \S+ @ (\S+):/gm)].map(match => match[1]));
		expect([...hostsInLines]).toEqual([node]);
		expect(rerun.stdout).toMatch(new RegExp(`install-packages @ ${node}: done`));
		expect(rerun.stderr).toContain(`only ${node} ran (--hosts)`);

		const full = await runCli(args);
		expect(full.code, full.stdout + full.stderr).toBe(0);
		// The other hosts' install was kept in the journal as it was: already done, not run again.
		expect(full.stdout).toMatch(/install-packages @ astakos: (?!running)/);
		expect(full.stdout).not.toMatch(/install-packages @ astakos: running/);
		const verify = await runCli(['sandbox', 'verify', sandbox]);
		expect(verify.stdout).not.toMatch(/FAIL/);
		expect(verify.code).toBe(0);
	}, 300_000);
});
