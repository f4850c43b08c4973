import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/wait-for.js';
import {holdSnfManage} from './run-helpers.js';
import {lastCursorMode, walk, waitForVisible} from './wizard-driver.js';
import {walkFixture} from './wizard-walk-fixture.js';
import {failedSummaryRows, leaveSummary, stepStatuses} from './wizard-run-helpers.js';

const fixture = walkFixture();

describe('Ctrl+C on the wizard’s run screen in a real terminal (tmux, 80×24)', () => {
	it('(e) Ctrl+C while a command is held: the question, abort, exit 130, the step unknown in the journal; the next start resumes it and completes', async () => {
		const {work, sandbox, state} = fixture;
		const held = holdSnfManage(sandbox, work, 'astakos', 'oauth2-client-add');
		const args = ['--answers', path.join(sandbox, 'answers.json'), '--state-dir', state];
		const record = path.join(work, 'interrupted.bytes');
		let terminal = fixture.open(args, record);
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
		expect(lastCursorMode(record), 'the cursor after the abort').toBe('shown');
		await waitFor(() => !held.running(), 'the held command to be stopped', 30_000);
		expect(held.finished()).toBe(false);
		expect(stepStatuses(state)['oauth-client']?.astakos).toBe('unknown');
		terminal.close();

		// Started again with nothing held: the welcome offers to resume at 2.4, which is re-checked and run.
		held.release();
		terminal = fixture.open(args);
		const welcome = await waitForVisible(terminal, /Resume at 2\.4 /, 'the welcome offering to resume at 2.4');
		expect(welcome).toMatch(/unknown +2\.4 /);
		terminal.press('Enter');
		const summary = await walk(terminal, {until: /^Summary$/m});
		expect(failedSummaryRows(summary)).toEqual([]);
		expect(await leaveSummary(terminal)).toBe(0);
		expect(stepStatuses(state)['oauth-client']?.astakos).toBe('done');
		await fixture.verified();
	}, 600_000);
});
