import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {describe, expect, it} from 'vitest';
import {sandboxHosts} from '../../source/sandbox/layout.js';
import {waitFor} from '../helpers/wait-for.js';
import {cli, runCli} from './run-helpers.js';
import {clearFaults, hungCalls, injectFaults, sandboxProcesses, faultSandboxForThisFile} from './sandbox-faults.js';

const fixture = faultSandboxForThisFile('snf-e2e-lock-');

const runArgs = (state: string, ...flags: string[]) => ['run', '--yes', '--answers', path.join(fixture.sandbox, 'answers.json'), '--state-dir', path.join(fixture.work, state), ...flags];
const locksLeft = () => sandboxHosts.filter(host => fs.existsSync(path.join(fixture.sandbox, host, 'var/lib/snf-upgrade/lock')));

describe('one run at a time on a deployment', () => {
	it('a second run, with the same or another state dir (two admins), is refused naming the holder; after a SIGKILL the stale lock is named and --break-lock removes it', async () => {
		injectFaults(fixture.sandbox, [{host: 'astakos', program: 'apt-get', args: ['install'], effect: 'hang'}]);
		const holder = spawn(process.execPath, [cli, ...runArgs('state-a')], {env: {...process.env, CI: 'true'}, stdio: 'ignore'});
		const closed = new Promise(resolve => holder.on('close', resolve));
		try {
			await waitFor(() => hungCalls(fixture.sandbox).length > 0, 'the first run to reach apt-get', 90_000);
			for (const state of ['state-a', 'state-b']) {
				const second = await runCli(runArgs(state));
				expect(second.code).toBe(4);
				expect(second.stderr).toMatch(holderLine(holder.pid!));
				expect(second.stderr).toContain('Wait for that run to finish');
				expect(second.stderr).not.toContain('stale');
			}

			expect(hungCalls(fixture.sandbox)).toHaveLength(1);
			holder.kill('SIGKILL');
			await closed;
		} finally {
			holder.kill('SIGKILL');
		}

		await waitFor(() => sandboxProcesses(fixture.sandbox).length === 0, 'the first run\'s commands to die with it', 15_000);
		clearFaults(fixture.sandbox);
		const stale = await runCli(runArgs('state-b'));
		expect(stale.code).toBe(4);
		expect(stale.stderr).toMatch(holderLine(holder.pid!));
		expect(stale.stderr).toContain('the lock is stale');
		expect(stale.stderr).toContain('--break-lock');

		// The admin whose run was killed resumes it from its own journal.
		const broken = await runCli(runArgs('state-a', '--break-lock'));
		expect(broken.stderr).not.toContain('failed on');
		expect(broken.code).toBe(0);
		expect(locksLeft()).toEqual([]);
		const verify = await runCli(['sandbox', 'verify', fixture.sandbox]);
		expect(verify.stdout).not.toMatch(/FAIL/);
		expect(verify.code).toBe(0);
	}, 300_000);
});

function holderLine(pid: number): RegExp {
	return new RegExp(`another run holds the deployment lock \\(.*/var/lib/snf-upgrade/lock\\), run by ${os.userInfo().username} on ${os.hostname()}, pid ${pid}, since 20`);
}
