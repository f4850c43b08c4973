import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readJournalFile} from '../../source/state/journal.js';
import {waitFor} from '../helpers/wait-for.js';
import {cli, ensureCliBuilt, filesUnder, holdSnfManage, runCli, type HeldCommand} from './run-helpers.js';

let parent: string;
let sandbox: string;
let state: string;
let held: HeldCommand;

beforeAll(async () => {
	ensureCliBuilt();
	parent = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-crash-'));
	sandbox = path.join(parent, 'sb');
	state = path.join(parent, 'state');
	expect((await runCli(['sandbox', sandbox])).code).toBe(0);
	// On the Astakos host, `oauth2-client-add` is held until the test says go: the step is caught in the middle.
	held = holdSnfManage(sandbox, parent, 'astakos', 'oauth2-client-add');
}, 360_000);

afterAll(() => {
	held.release();
	fs.rmSync(parent, {recursive: true, force: true});
});

/** The journal as on disk: its snapshot with the records of its log. */
const journalOf = () => readJournalFile(filesUnder(path.join(state, 'journals')).find(file => file.endsWith('.json'))!)!;

let addsBefore = 0;

describe('run --yes stopped in the middle of a step', () => {
	it('SIGTERM kills the running command, records the step as unknown and exits 130', async () => {
		const args = ['run', '--yes', '--answers', path.join(sandbox, 'answers.json'), '--state-dir', state];
		const child = spawn(process.execPath, [cli, ...args], {env: {...process.env, CI: 'true'}, stdio: ['ignore', 'ignore', 'pipe']});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const closed = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
		await waitFor(held.started, 'oauth2-client-add to start', 240_000);
		child.kill('SIGTERM');
		expect(await closed).toBe(130);
		expect(stderr).toContain('SIGTERM: stopping the running commands');
		expect(journalOf().steps['oauth-client']!.astakos!.status).toBe('unknown');
		await waitFor(() => !held.running(), 'the interrupted command to be gone', 120_000);
		expect(held.finished()).toBe(false);
		addsBefore = held.calls('oauth2-client-add');
		held.rearm();
	}, 360_000);

	it('SIGKILL: the journal stays whole, the running command dies too; the rerun re-probes the interrupted step, runs it again, completes, and runs no done step again', async () => {
		const args = ['run', '--yes', '--answers', path.join(sandbox, 'answers.json'), '--state-dir', state];
		const child = spawn(process.execPath, [cli, ...args], {env: {...process.env, CI: 'true'}, stdio: 'ignore'});
		const closed = new Promise<NodeJS.Signals | null>(resolve => child.on('close', (_code, signal) => resolve(signal)));
		await waitFor(held.started, 'oauth2-client-add to start', 240_000);
		child.kill('SIGKILL');
		expect(await closed).toBe('SIGKILL');

		const before = journalOf();
		expect(before.steps['oauth-client']!.astakos!.status).toBe('running');
		const doneBefore = new Set(Object.entries(before.steps).flatMap(([step, hosts]) => Object.entries(hosts).filter(([, entry]) => entry.status === 'done').map(([host]) => `${step}@${host}`)));
		expect(doneBefore.size).toBeGreaterThan(10);
		expect(fs.readdirSync(path.dirname(filesUnder(path.join(state, 'journals'))[0]!)).filter(name => name.endsWith('.tmp'))).toEqual([]);

		// The command died with snf-upgrade (no orphan finishes it behind the rerun's back): the step did not take effect.
		await waitFor(() => !held.running(), 'the command to die with snf-upgrade', 120_000);
		expect(held.finished()).toBe(false);
		held.release();

		const transcriptsBefore = new Set(filesUnder(path.join(state, 'transcripts')));
		// The killed run's deployment lock is stale: the rerun says so, and --break-lock removes it.
		const refused = await runCli(args);
		expect(refused.code).toBe(4);
		expect(refused.stderr).toContain('the lock is stale');
		const rerun = await runCli([...args, '--break-lock']);
		expect(rerun.stderr).not.toContain('failed on');
		expect(rerun.code).toBe(0);
		expect(rerun.stdout).toContain('note: oauth-client @ astakos: interrupted earlier; the probe says it did not take effect');
		expect(rerun.stdout).toContain('oauth-client @ astakos: running');
		expect(held.calls('oauth2-client-add')).toBe(addsBefore + 2);
		expect(journalOf().steps['oauth-client']!.astakos!.status).toBe('done');

		const transcript = filesUnder(path.join(state, 'transcripts')).filter(file => !transcriptsBefore.has(file)).sort().at(-1);
		const ranAgain = [...fs.readFileSync(transcript!, 'utf8').matchAll(/^\S+ \[(\S+) @ (\S+)\] action /gm)].map(match => `${match[1]!}@${match[2]!}`);
		expect(ranAgain.length).toBeGreaterThan(0);
		expect(ranAgain.filter(cell => doneBefore.has(cell))).toEqual([]);

		const verify = await runCli(['sandbox', 'verify', sandbox]);
		expect(verify.stdout).not.toMatch(/FAIL/);
		expect(verify.code).toBe(0);
	}, 480_000);
});
