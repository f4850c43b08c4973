import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {readJournalFile} from '../../source/state/journal.js';
import {openTerminal, type Terminal} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';
import {cli, ensureCliBuilt, filesUnder, holdSnfManage, runCli, type HeldCommand} from './run-helpers.js';

let work: string;
let sandbox: string;
let state: string;
let held: HeldCommand;
let terminal: Terminal | undefined;

beforeAll(async () => {
	ensureCliBuilt();
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-terminal-'));
	sandbox = path.join(work, 'sb');
	state = path.join(work, 'state');
	expect((await runCli(['sandbox', sandbox])).code).toBe(0);
	held = holdSnfManage(sandbox, work, 'astakos', 'oauth2-client-add');
}, 360_000);

afterEach(() => {
	terminal?.close();
	terminal = undefined;
});

afterAll(() => {
	held.release();
	fs.rmSync(work, {recursive: true, force: true});
});

const run = (...flags: string[]) => [process.execPath, cli, 'run', ...flags, '--answers', path.join(sandbox, 'answers.json'), '--state-dir', state];

describe('snf-upgrade in a real terminal (tmux), keys typed as a person would', () => {
	it('run without --yes in a terminal says to pass --yes or run the wizard, and runs nothing (exit 2), whatever CI the suite runs under (CI=false is no CI, as for the wizard)', async () => {
		// Outside CI whatever the shell that runs the suite says: under CI=true the other message (no terminal to ask on) would be the one tested.
		for (const ci of [['-u', 'CI'], ['CI=false']]) {
			terminal?.close();
			terminal = openTerminal(['env', '-u', 'CONTINUOUS_INTEGRATION', ...ci, ...run()], {cwd: work});
			expect(await terminal.exitStatus(), ci.join(' ')).toBe(2);
			expect(terminal.screen(), ci.join(' ')).toContain('run: asks no questions; pass --yes to run every step without them, or run bare `snf-upgrade` for the wizard, which asks');
		}

		expect(filesUnder(path.join(state, 'journals'))).toEqual([]);
	});

	it('Ctrl+C in the middle of a step stops it, exits 130, and the rerun completes the upgrade', async () => {
		terminal = openTerminal(run('--yes'), {cwd: work});
		await waitFor(held.started, 'oauth2-client-add to start', 240_000);
		await terminal.waitForScreen(/oauth-client @ astakos: running/, 'the step on screen');
		terminal.press('C-c');
		expect(await terminal.exitStatus()).toBe(130);
		// 130 alone could also be a death by SIGINT: the message and the journal show it was handled.
		expect(terminal.screen()).toMatch(/SIGINT: stopping the running commands/);
		const journal = filesUnder(path.join(state, 'journals')).find(file => file.endsWith('.json'));
		const steps = readJournalFile(journal!)!.steps as Record<string, Record<string, {status: string}>>;
		expect(steps['oauth-client']!.astakos!.status).toBe('unknown');
		await waitFor(() => !held.running(), 'the interrupted command to be gone', 120_000);
		expect(held.finished()).toBe(false);
		terminal.close();

		held.release();
		terminal = openTerminal(run('--yes'), {cwd: work});
		expect(await terminal.exitStatus(360_000)).toBe(0);
		const screen = terminal.screen();
		expect(screen).toMatch(/oauth-client @ astakos: (running|done)/);
		expect(screen).toMatch(/Finished \(\d+ ran, \d+ already done/);
		const verify = await runCli(['sandbox', 'verify', sandbox]);
		expect(verify.stdout).not.toMatch(/FAIL/);
		expect(verify.code).toBe(0);
	}, 600_000);
});
