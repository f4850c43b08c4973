import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {pidsMatching, sshdExecutor, startSshd} from '../../helpers/sshd.js';
import type {Sshd} from '../../helpers/sshd.js';
import {waitFor} from '../../helpers/wait-for.js';

describe('SSH executor: dropped connections', () => {
	let sshd: Sshd;

	beforeAll(async () => {
		sshd = await startSshd();
	});

	afterAll(async () => {
		await sshd?.stop();
	});

	it('reports outcome unknown (never re-runs) when sshd dies while a command runs', async () => {
		const executor = sshdExecutor(sshd);
		const marker = `snf-unknown-${process.pid}-${Date.now()}`;
		const counter = `${sshd.dir}/runs-${marker}`;
		try {
			const running = executor.run(`echo x >> ${counter}; sh -c 'sleep 30; echo ${marker}'`);
			await waitFor(() => pidsMatching(marker).length > 0, 'the command to start');
			sshd.dropConnections();
			const result = await running;
			expect(result.outcome).toBe('unknown');
			expect(result.exitCode).toBeNull();
			expect(result.failure).toContain('may or may not have taken effect');
			// The command was not started a second time; the next command reconnects.
			const after = await executor.run(`cat ${counter}`);
			expect(after).toMatchObject({outcome: 'completed', stdout: 'x\n'});
		} finally {
			for (const pid of pidsMatching(marker)) {
				process.kill(pid);
			}

			await executor.dispose();
		}
	});

	it('reconnects once before a command when the server dropped the idle connection', async () => {
		const executor = sshdExecutor(sshd);
		try {
			const before = (await executor.run('echo "$SSH_CONNECTION"')).stdout;
			expect((await executor.run('echo "$SSH_CONNECTION"')).stdout).toBe(before);
			sshd.dropConnections();
			const result = await executor.run('echo "$SSH_CONNECTION"');
			expect(result.outcome).toBe('completed');
			expect(result.stdout).not.toBe(before);
			expect(result.stdout).toContain(`127.0.0.1 ${sshd.port}`);
		} finally {
			await executor.dispose();
		}
	});
});
