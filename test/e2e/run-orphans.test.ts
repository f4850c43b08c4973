import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {sandboxHosts} from '../../source/sandbox/layout.js';
import {readJournalFile} from '../../source/state/journal.js';
import {waitFor} from '../helpers/wait-for.js';
import {cli, ensureCliBuilt, filesUnder, runCli} from './run-helpers.js';
import {clearFaults, hungCalls, injectFaults, sandboxProcesses} from './sandbox-faults.js';

let work: string;
const sandboxes: string[] = [];

beforeAll(() => {
	ensureCliBuilt();
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-orphans-'));
});

afterAll(() => {
	// On a failure, leave no hanging shim behind.
	for (const pid of sandboxes.flatMap(sandbox => sandboxProcesses(sandbox))) {
		process.kill(pid, 'SIGKILL');
	}

	fs.rmSync(work, {recursive: true, force: true});
});

type Steps = Record<string, Record<string, {status: string}>>;

const journalSteps = (state: string): Steps => {
	return readJournalFile(filesUnder(path.join(state, 'journals')).find(file => file.endsWith('.json'))!)!.steps as Steps;
};

async function hangingRun(name: string, effect: 'hang' | 'hang-ignoring-term') {
	const sandbox = path.join(work, name, 'sb');
	const state = path.join(work, name, 'state');
	expect((await runCli(['sandbox', sandbox])).code).toBe(0);
	sandboxes.push(sandbox);
	injectFaults(sandbox, [{host: '*', program: 'apt-get', args: ['install'], effect}]);
	const args = ['run', '--yes', '--answers', path.join(sandbox, 'answers.json'), '--state-dir', state];
	const child = spawn(process.execPath, [cli, ...args], {env: {...process.env, CI: 'true'}, stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const closed = new Promise<{code: number | null; signal: NodeJS.Signals | null}>(resolve => child.on('close', (code, signal) => resolve({code, signal})));
	await waitFor(() => hungCalls(sandbox).length >= 3, 'apt-get install to hang on the hosts', 240_000);
	return {sandbox, state, args, child, closed, stderr: () => stderr};
}

describe('no command outlives the run that started it', () => {
	it('SIGKILL of snf-upgrade while apt-get runs on the sandbox hosts: every apt-get dies with it, and the rerun completes', async () => {
		const {sandbox, state, args, child, closed} = await hangingRun('sigkill', 'hang');
		expect(sandboxProcesses(sandbox).length).toBeGreaterThanOrEqual(3);
		child.kill('SIGKILL');
		expect((await closed).signal).toBe('SIGKILL');
		await waitFor(() => sandboxProcesses(sandbox).length === 0, 'every process of the sandbox to be gone', 15_000);

		clearFaults(sandbox);
		const rerun = await runCli([...args, '--break-lock']);
		expect(rerun.stderr).not.toContain('failed on');
		expect(rerun.code).toBe(0);
		expect(journalSteps(state)['install-packages']!.astakos!.status).toBe('done');
		const verify = await runCli(['sandbox', 'verify', sandbox]);
		expect(verify.stdout).not.toMatch(/FAIL/);
		expect(verify.code).toBe(0);
	}, 600_000);

	it('a second Ctrl+C does not exit at once: it kills the commands that ignore SIGTERM, records them unknown, exits 130', async () => {
		const {sandbox, state, child, closed, stderr} = await hangingRun('double-int', 'hang-ignoring-term');
		const hung = hungCalls(sandbox).map(line => line.split(' ')[0]!);
		child.kill('SIGINT');
		await waitFor(() => stderr().includes('SIGINT: stopping the running commands'), 'the first Ctrl+C to be taken');
		child.kill('SIGINT');
		expect((await closed).code).toBe(130);
		expect(stderr()).toMatch(/SIGINT again: killing the running commands now/);
		const steps = journalSteps(state);
		for (const host of hung) {
			expect(steps['install-packages']![host]!.status).toBe('unknown');
		}

		expect(Object.values(steps).flatMap(hosts => Object.values(hosts).map(entry => entry.status))).not.toContain('running');
		await waitFor(() => sandboxProcesses(sandbox).length === 0, 'every process of the sandbox to be gone', 15_000);
		// The deployment lock was released on this exit path too.
		expect(sandboxHosts.filter(host => fs.existsSync(path.join(sandbox, host, 'var/lib/snf-upgrade/lock')))).toEqual([]);
	}, 600_000);
});
