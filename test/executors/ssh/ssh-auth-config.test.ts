import {execFileSync, spawn} from 'node:child_process';
import type {ChildProcess} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import process from 'node:process';
import {setTimeout as delay} from 'node:timers/promises';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {OperationError} from '../../../source/domain/errors.js';
import type {Host} from '../../../source/domain/inventory-types.js';
import {keygen, sshdExecutor, startSshd} from '../../helpers/sshd.js';
import type {Sshd} from '../../helpers/sshd.js';

function aliasHost(alias: string): Host {
	return {id: alias, label: alias, sudo: false, target: {kind: 'ssh', host: alias}};
}

describe('SSH executor: authentication, ~/.ssh/config and ProxyJump', () => {
	let sshd: Sshd;
	let jump: Sshd;
	let agent: ChildProcess | undefined;
	let agentSocket: string;

	beforeAll(async () => {
		[sshd, jump] = await Promise.all([startSshd(), startSshd()]);
		agentSocket = `${sshd.dir}/agent.sock`;
		agent = spawn('ssh-agent', ['-D', '-a', agentSocket], {stdio: 'ignore'});
		for (let waited = 0; !existsSync(agentSocket); waited += 20) {
			if (waited > 5000) {
				throw new Error('ssh-agent did not start');
			}

			await delay(20);
		}
	});

	afterAll(async () => {
		if (agent?.pid !== undefined) {
			process.kill(agent.pid);
		}

		await Promise.all([sshd?.stop(), jump?.stop()]);
	});

	it('authenticates with a key held by a real ssh-agent (no identity file)', async () => {
		const key = `${sshd.dir}/agent_key`;
		keygen(key);
		sshd.authorize(readFileSync(`${key}.pub`, 'utf8'));
		execFileSync('ssh-add', [key], {env: {...process.env, SSH_AUTH_SOCK: agentSocket}, stdio: 'ignore'});
		if (!execFileSync('ssh-add', ['-l'], {env: {...process.env, SSH_AUTH_SOCK: agentSocket}, encoding: 'utf8'}).includes('SHA256')) {
			throw new Error('the test key did not reach ssh-agent');
		}

		const withAgent = sshdExecutor(sshd, {configText: 'Host *\n  User root\n', agentSocket});
		const withoutAgent = sshdExecutor(sshd, {configText: 'Host *\n  User root\n'});
		try {
			expect((await withAgent.run('echo agent-ok')).stdout).toBe('agent-ok\n');
			const error = await withoutAgent.run('true').catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(OperationError);
			expect((error as OperationError).message).toContain('SSH authentication failed');
		} finally {
			await withAgent.dispose();
			await withoutAgent.dispose();
		}
	});

	it('asks for the passphrase of an encrypted key, and names the key when it cannot', async () => {
		const key = `${sshd.dir}/encrypted_key`;
		keygen(key, 'open sesame');
		sshd.authorize(readFileSync(`${key}.pub`, 'utf8'));
		const asked: string[] = [];
		const interactive = sshdExecutor(sshd, {
			configText: `Host *\n  IdentityFile ${key}\n`,
			askPassphrase: async path => {
				asked.push(path);
				return 'open sesame';
			},
		});
		const batch = sshdExecutor(sshd, {configText: `Host *\n  IdentityFile ${key}\n`});
		try {
			expect((await interactive.run('echo key-ok')).stdout).toBe('key-ok\n');
			expect(asked).toEqual([key]);
			const error = await batch.run('true').catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(OperationError);
			expect((error as OperationError).message).toContain(`${key} is encrypted`);
		} finally {
			await interactive.dispose();
			await batch.dispose();
		}
	});

	it('resolves an alias through the config (HostName, Port, User, IdentityFile)', async () => {
		const executor = sshdExecutor(sshd, {
			host: aliasHost('db-primary'),
			configText: `Host db-*\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User root\n  IdentityFile ${sshd.clientKey}\nHost *\n  User nobody\n`,
		});
		try {
			const result = await executor.run('id -un; echo "$SSH_CONNECTION"');
			expect(result.stdout.split('\n')[0]).toBe('root');
			expect(result.stdout).toContain(` 127.0.0.1 ${sshd.port}`);
		} finally {
			await executor.dispose();
		}
	});

	it('reaches a host through ProxyJump on a second sshd, checking both host keys', async () => {
		const knownHosts = `${sshd.dir}/kh-both`;
		writeFileSync(knownHosts, `${readFileSync(sshd.knownHosts, 'utf8')}${readFileSync(jump.knownHosts, 'utf8')}`);
		const config = [
			'Host bastion',
			'  HostName 127.0.0.1',
			`  Port ${jump.port}`,
			`  IdentityFile ${jump.clientKey}`,
			'Host inner',
			'  HostName 127.0.0.1',
			`  Port ${sshd.port}`,
			'  ProxyJump root@bastion',
			'Host *',
			'  User root',
			`  IdentityFile ${sshd.clientKey}`,
			'',
		].join('\n');
		const executor = sshdExecutor(sshd, {host: aliasHost('inner'), configText: config, knownHostsPath: knownHosts});
		try {
			const connection = (await executor.run('echo "$SSH_CONNECTION"')).stdout.trim().split(' ');
			expect(connection[3]).toBe(String(sshd.port));
			// The connection's source port belongs to the bastion's sshd, not to this test process.
			const owner = execFileSync('ss', ['-Htnp', 'state', 'established', `( sport = :${connection[1]} )`], {encoding: 'utf8'});
			expect(owner).toContain('sshd');
			expect(owner).not.toContain(`pid=${process.pid},`);
		} finally {
			await executor.dispose();
		}

		writeFileSync(knownHosts, readFileSync(sshd.knownHosts, 'utf8'));
		const unknownJump = sshdExecutor(sshd, {host: aliasHost('inner'), configText: config, knownHostsPath: knownHosts});
		const error = await unknownJump.run('true').catch((caught: unknown) => caught);
		await unknownJump.dispose();
		expect((error as OperationError).message).toContain(`Unknown host key for [127.0.0.1]:${jump.port}`);
	});
});
