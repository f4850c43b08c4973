import path from 'node:path';
import process from 'node:process';
import {describe, expect, it} from 'vitest';
import {answersFileHosts, holdLock} from './held-lock.js';
import {clearFaults, injectFaults} from './sandbox-faults.js';
import {walk, waitForVisible} from './wizard-driver.js';
import {walkFixture} from './wizard-walk-fixture.js';
import {leaveSummary} from './wizard-run-helpers.js';
import {answersWithUnreachableHost} from './unreachable-host.js';
import type {Terminal} from '../helpers/tmux.js';

const fixture = walkFixture();

/** From the welcome, section 0 walked (its questions taken as offered, its preview run) to the summary it ends on. */
async function runSectionZero(terminal: Terminal): Promise<string> {
	await waitForVisible(terminal, /Resume at 0 Before the upgrade/, 'the welcome offering section 0');
	terminal.press('Enter');
	return walk(terminal, {until: /^Summary$/m});
}

describe('the wizard’s exit code is the one run --yes gives for the same end (built CLI, real terminal: tmux, 80×24)', () => {
	it('quit after a run refused by the deployment lock → 4; after a preflight that could not reach a host → 3; after a failed step left for later → 1', async () => {
		const {work, sandbox, state} = fixture;
		const answersFile = fixture.answersFile();
		const args = ['--answers', answersFile, '--state-dir', state];

		// A live run (this test's process) holds the deployment lock: the section is refused, nothing runs.
		const holder = await holdLock(answersFileHosts(answersFile), 'the-other-run', process.pid, '/home/other/.config/snf-upgrade');
		try {
			const refused = await runSectionZero(fixture.open(args));
			expect(refused).toContain('The last section started nothing:');
			expect(refused).toContain('refused: one run at a time on a deployment');
			expect(await leaveSummary(fixture.terminal!)).toBe(4);
		} finally {
			await holder.release();
		}

		// ganeti2-master given as an SSH host where nothing listens: the preflight refuses, nothing runs.
		const unreachable = answersWithUnreachableHost(answersFile, 'ganeti2-master', path.join(work, 'unreachable.json'));
		const preflight = await runSectionZero(fixture.open(['--answers', unreachable, '--state-dir', path.join(work, 'state-unreachable')]));
		expect(preflight).toMatch(/preflight failed: ganeti2-master/);
		expect(await leaveSummary(fixture.terminal!)).toBe(3);

		// A step fails; the admin leaves it for later (q on the failure screen).
		injectFaults(sandbox, [{host: 'ganeti1-master', program: 'gnt-cluster', args: ['modify'], effect: 'fail', message: 'the cluster is busy'}]);
		const terminal = fixture.open(args);
		await waitForVisible(terminal, /Resume at 0 Before the upgrade/, 'the welcome offering section 0');
		terminal.press('Enter');
		await walk(terminal, {until: /^r retry {3}s skip this host/m});
		terminal.press('q');
		await waitForVisible(terminal, /^Summary$/m, 'the summary after the failure', 120_000);
		expect(await leaveSummary(terminal)).toBe(1);
		clearFaults(sandbox);
	}, 600_000);
});
