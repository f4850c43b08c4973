import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {clearFaults, injectFaults} from './sandbox-faults.js';
import {walk, waitForVisible} from './wizard-driver.js';
import {walkFixture} from './wizard-walk-fixture.js';
import {failedSummaryRows, leaveSummary, screenBeforeWipe, stepStatuses} from './wizard-run-helpers.js';

const fixture = walkFixture();

const lockMessage = 'E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (unattended-upgr)';

describe('the wizard’s failure screen in a real terminal (tmux, 80×24), every byte it writes recorded', () => {
	// One walk for two tests of the issue: (c) the failure and its retry, and (h) that the whole walk, failure screen
	// included, fits 80×24 (e2e walks are the suite's longest tests).
	it('(c) apt-get fails on cyclades (the sandbox’s fault injection); fixed, retried with r, the walk completes and verifies; (h) an Enter typed while the wizard starts is taken, no ESC[3J in the byte stream, no line over 80', async () => {
		const {work, sandbox, state} = fixture;
		injectFaults(sandbox, [{host: 'cyclades', program: 'apt-get', args: ['install'], effect: 'fail', exitCode: 100, message: lockMessage}]);
		const recording = path.join(work, 'bytes');
		const terminal = fixture.open(['--answers', path.join(sandbox, 'answers.json'), '--state-dir', state], recording);
		// Enter typed at once, while the wizard is still starting (the terminal still in cooked mode): it is not lost, it
		// takes the welcome's first choice (resume at section 0).
		terminal.press('Enter');
		await waitForVisible(terminal, /^0 Before the upgrade[\s\S]*Enter to the (questions|preview)/m, 'the intro of section 0');
		const failure = await walk(terminal, {until: /^r retry {3}s skip this host/m});
		// Host, command, exit code, the output's tail, and the choices.
		expect(failure).toMatch(/^Running 2\.1 Install the v0\.15 packages/m);
		expect(failure).toMatch(/✖ cyclades: exit code 100/);
		expect(failure).toMatch(/command: .*apt-get install/);
		expect(failure).toContain('E: Could not get lock /var/lib/dpkg/lock-frontend');
		expect(failure).toMatch(/a retry all failed/);
		expect(stepStatuses(state)['install-packages']?.cyclades).toBe('failed');

		// The admin fixes the host (the lock's holder is gone) and retries from the screen.
		clearFaults(sandbox);
		terminal.press('r');
		await waitForVisible(terminal, /✔ 2\.1 Install the v0\.15 packages on every host · 7 done/, 'the retried step done on every host', 120_000);
		const summary = await walk(terminal, {until: /^Summary$/m});
		expect(summary).toMatch(/^section +host +ran done skip fail/m);
		expect(failedSummaryRows(summary)).toEqual([]);
		expect(await leaveSummary(terminal)).toBe(0);
		expect(stepStatuses(state)['install-packages']?.cyclades).toBe('done');
		// The wizard has exited (leaveSummary): the recording holds its every byte.
		const bytes = fs.readFileSync(recording);
		expect(bytes.length).toBeGreaterThan(10_000);
		// On failure: the screen Ink was drawing when it wiped the scrollback.
		expect(screenBeforeWipe(bytes)).toBe('');
		expect(terminal.screen().split('\n').filter(line => [...line].length > 80)).toEqual([]);
		await fixture.verified();
	}, 600_000);
});
