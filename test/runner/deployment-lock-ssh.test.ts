import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {descendants} from '../../source/bench/processes.js';
import type {Executor} from '../../source/executors/executor.js';
import {lockDeployment, type DeploymentLockOptions} from '../../source/runner/deployment-lock.js';
import {registeredCommand, type LockHolder} from '../../source/runner/host-lock-script.js';
import {pidsMatching, sshdExecutor, sshHost, startSshd, type Sshd} from '../helpers/sshd.js';
import {createSudoUser} from '../helpers/ssh-users.js';
import {createPromptBroker} from '../../source/executors/prompt-broker.js';
import {deadPid} from '../e2e/held-lock.js';
import {waitFor} from '../helpers/wait-for.js';

let sshd: Sshd;
let marks: string;

beforeAll(async () => {
	sshd = await startSshd();
	marks = path.join(sshd.dir, 'snf-upgrade-marks');
});

afterAll(async () => {
	await sshd?.stop();
});

const holder = (run: string, pid: number): LockHolder => ({run, user: 'admin', machine: 'this-machine', pid, since: '2026-12-01T09:00:00Z', stateDir: '/home/admin/.config/snf-upgrade'});

function lockOptions(executor: Executor, fields: Partial<DeploymentLockOptions> & Pick<DeploymentLockOptions, 'holder'>): DeploymentLockOptions {
	return {
		hosts: [executor.host],
		executors: {get: () => executor},
		breakLock: false,
		runsHere: pid => fs.existsSync(`/proc/${pid}`),
		thisMachine: 'this-machine',
		waitMs: 1000,
		directory: () => marks,
		...fields,
	};
}

/** Kills the per-connection sshd processes only: the connection drops, the commands it started go on (as when a network path dies). */
function dropConnectionsKeepingCommands() {
	for (const pid of descendants(sshd.pid)) {
		if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'sshd') {
			process.kill(pid, 'SIGKILL');
		}
	}
}

describe('deployment lock over a real loopback sshd', () => {
	it('a command left running by a dropped connection keeps the next run from starting, naming its pid; it may start once the command is gone', async () => {
		const first = sshdExecutor(sshd, {host: sshHost(sshd, {id: 'astakos'})});
		const marker = `snf-lock-held-${process.pid}-${Date.now()}`;
		try {
			const lockA = await lockDeployment(lockOptions(first, {holder: holder('run-a', process.pid)}));
			expect(lockA.ok).toBe(true);
			const running = first.run(registeredCommand(marks, 'run-a', 'install-packages', `sh -c 'sleep 60; echo ${marker}'`), {asRoot: true, mutates: true, stdin: ''});
			await waitFor(() => pidsMatching(marker).length > 0 && fs.readdirSync(path.join(marks, 'running')).length > 0, 'the command to start and register');
			const [registered] = fs.readdirSync(path.join(marks, 'running'));
			dropConnectionsKeepingCommands();
			expect((await running).outcome).toBe('unknown');
			expect(fs.existsSync(`/proc/${registered!}`)).toBe(true);
			// Run A ends cleanly (its lock is released over a new connection), but its command goes on on the host.
			if (lockA.ok) {
				expect(await lockA.release()).toEqual([]);
			}

			const second = sshdExecutor(sshd, {host: sshHost(sshd, {id: 'astakos'})});
			try {
				const refused = await lockDeployment(lockOptions(second, {holder: holder('run-b', process.pid)}));
				expect(refused.ok).toBe(false);
				if (!refused.ok) {
					expect(refused.problems.join('\n')).toContain(`astakos: pid ${registered!} (step install-packages, since `);
					expect(refused.hint).toMatch(/Nothing was run/);
				}

				expect(fs.existsSync(path.join(marks, 'lock'))).toBe(false);
				for (const pid of pidsMatching(marker)) {
					process.kill(pid, 'SIGKILL');
				}

				await waitFor(() => !fs.existsSync(`/proc/${registered!}`), 'the command to be gone');
				const taken = await lockDeployment(lockOptions(second, {holder: holder('run-b', process.pid)}));
				expect(taken.ok).toBe(true);
				expect(fs.readdirSync(path.join(marks, 'running'))).toEqual([]);
				if (taken.ok) {
					expect(await taken.release()).toEqual([]);
				}
			} finally {
				await second.dispose();
			}
		} finally {
			for (const pid of pidsMatching(marker)) {
				process.kill(pid, 'SIGKILL');
			}

			await first.dispose();
		}
	}, 60_000);

	it('a lock whose holder is gone is stale: refused without --break-lock, broken with it; --break-lock refuses while the holder still runs', async () => {
		const executor = sshdExecutor(sshd, {host: sshHost(sshd, {id: 'cyclades'})});
		try {
			const gone = deadPid();
			const lockA = await lockDeployment(lockOptions(executor, {holder: holder('run-gone', gone)}));
			expect(lockA.ok).toBe(true);

			const refused = await lockDeployment(lockOptions(executor, {holder: holder('run-b', process.pid)}));
			expect(refused.ok).toBe(false);
			if (!refused.ok) {
				expect(refused.problems.join('\n')).toContain(`cyclades: another run holds the deployment lock (${marks}/lock), run by admin on this-machine, pid ${gone}, since 2026-12-01T09:00:00Z`);
				expect(refused.problems.join('\n')).toContain('the lock is stale');
				expect(refused.hint).toContain('--break-lock');
			}

			const alive = await lockDeployment(lockOptions(executor, {holder: holder('run-c', process.pid), runsHere: () => true, breakLock: true}));
			expect(alive.ok).toBe(false);
			if (!alive.ok) {
				expect(alive.problems.join('\n')).toMatch(/--break-lock refused: the holder \(pid \d+ on this machine\) still runs/);
			}

			const broken = await lockDeployment(lockOptions(executor, {holder: holder('run-b', process.pid), breakLock: true}));
			expect(broken.ok).toBe(true);
			expect(fs.readFileSync(path.join(marks, 'lock', 'info'), 'utf8')).toContain('run=run-b\n');
			if (broken.ok) {
				expect(await broken.release()).toEqual([]);
			}

			expect(fs.existsSync(path.join(marks, 'lock'))).toBe(false);
		} finally {
			await executor.dispose();
		}
	}, 60_000);

	it('a login whose sudo asks for a password and none given: refused saying so and how to give it; with the password, taken', async () => {
		const user = createSudoUser(sshd.dir, 'the password');
		const host = sshHost(sshd, {id: 'gnt3', user: user.name});
		const withoutPassword = sshdExecutor(sshd, {host});
		const withPassword = sshdExecutor(sshd, {host, sudoWithPassword: true});
		try {
			const refused = await lockDeployment(lockOptions(withoutPassword, {holder: holder('run-a', process.pid)}));
			expect(refused.ok ? [] : refused.problems).toEqual([expect.stringMatching(/^gnt3: could not take the deployment lock in .*: exit 1: sudo: a password is required$/)]);
			expect(refused.ok ? '' : refused.hint).toBe('sudo asks for a password on that host: give it as sudoPassword (e.g. --set sudoPassword=env:SUDO_PW; typed at sudo\'s prompt, never on a command line), or let that user run sudo without one, then run again.');
			const taken = await lockDeployment(lockOptions(withPassword, {holder: holder('run-a', process.pid), prompts: () => createPromptBroker({rules: [], sudoPassword: 'the password'})}));
			expect(taken.ok).toBe(true);
			if (taken.ok) {
				expect(await taken.release()).toEqual([]);
			}

			expect(fs.existsSync(path.join(marks, 'lock'))).toBe(false);
		} finally {
			await withoutPassword.dispose();
			await withPassword.dispose();
			user.remove();
		}
	}, 60_000);
});
