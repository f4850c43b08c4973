import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Terminal} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';
import {ensureCliBuilt, holdSnfManage, runCli} from './run-helpers.js';
import {openWizard, walk, waitForVisible} from './wizard-driver.js';
import {failedSummaryRows, leaveSummary, stepStatuses} from './wizard-run-helpers.js';

let work: string;
let terminal: Terminal | undefined;

beforeAll(() => {
	ensureCliBuilt();
}, 300_000);

afterEach(() => {
	terminal?.close();
	terminal = undefined;
	fs.rmSync(work, {recursive: true, force: true});
});

describe('Ctrl+C on the wizard’s run screen in a real terminal (tmux, 80×24)', () => {
	it('(e) Ctrl+C while a command is held: the question, abort, exit 130, the step unknown in the journal; the next start resumes it and completes', async () => {
		work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-wizard-interrupt-'));
		const sandbox = path.join(work, 'sb');
		const state = path.join(work, 'state');
		expect((await runCli(['sandbox', sandbox])).code).toBe(0);
		const held = holdSnfManage(sandbox, work, 'astakos', 'oauth2-client-add');
		const args = ['--answers', path.join(sandbox, 'answers.json'), '--state-dir', state];
		terminal = openWizard(args, work);
		await waitForVisible(terminal, /Resume at 0 Before the upgrade/, 'the welcome offering to start at section 0');
		terminal.press('Enter');
		await walk(terminal, {until: /^Running 2\.4 Register the Pithos view/m});
		await waitFor(held.started, 'oauth2-client-add to start on astakos', 120_000);
		terminal.press('C-c');
		const question = await waitForVisible(terminal, /Stop the run\?/, 'the Ctrl+C question');
		expect(question).toMatch(/s stop after the running commands {3}a abort now/);
		terminal.press('a');
		// Abort stops the held command (its wrapper dies with it) and ends on the summary.
		await waitForVisible(terminal, /^Summary$/m, 'the summary after the abort', 120_000);
		expect(await leaveSummary(terminal)).toBe(130);
		await waitFor(() => !held.running(), 'the held command to be stopped', 30_000);
		expect(held.finished()).toBe(false);
		expect(stepStatuses(state)['oauth-client']?.astakos).toBe('unknown');
		terminal.close();

		// Started again with nothing held: the welcome offers to resume at 2.4, which is re-checked and run.
		held.release();
		terminal = openWizard(args, work);
		const welcome = await waitForVisible(terminal, /Resume at 2\.4 /, 'the welcome offering to resume at 2.4');
		expect(welcome).toMatch(/unknown +2\.4 /);
		terminal.press('Enter');
		const summary = await walk(terminal, {until: /^Summary$/m});
		expect(failedSummaryRows(summary)).toEqual([]);
		expect(await leaveSummary(terminal)).toBe(0);
		expect(stepStatuses(state)['oauth-client']?.astakos).toBe('done');
		const verify = await runCli(['sandbox', 'verify', sandbox]);
		expect(verify.stdout).not.toMatch(/FAIL/);
		expect(verify.code).toBe(0);
	}, 600_000);
});
