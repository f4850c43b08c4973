import {execFileSync} from 'node:child_process';
import {copyFileSync, readFileSync, writeFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {OperationError} from '../../../source/domain/errors.js';
import {keygen, sshdExecutor, startSshd} from '../../helpers/sshd.js';
import type {Sshd} from '../../helpers/sshd.js';

function fingerprint(publicKeyFile: string): string {
	return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyFile], {encoding: 'utf8'}).split(' ')[1]!;
}

async function refusal(run: Promise<unknown>): Promise<OperationError> {
	const error = await run.then(() => undefined, (caught: unknown) => caught);
	expect(error).toBeInstanceOf(OperationError);
	return error as OperationError;
}

describe('SSH executor: host keys against known_hosts', () => {
	let sshd: Sshd;
	let token: string;
	let hostFingerprint: string;

	beforeAll(async () => {
		sshd = await startSshd();
		token = `[127.0.0.1]:${sshd.port}`;
		hostFingerprint = fingerprint(`${sshd.dir}/host_ed25519.pub`);
	});

	afterAll(async () => {
		await sshd?.stop();
	});

	async function runWith(knownHostsPath: string, options: Parameters<typeof sshdExecutor>[1] = {}): Promise<string> {
		const executor = sshdExecutor(sshd, {knownHostsPath, ...options});
		try {
			return (await executor.run('echo connected')).stdout;
		} finally {
			await executor.dispose();
		}
	}

	it('connects with a plain [host]:port entry inside a comma list', async () => {
		const file = `${sshd.dir}/kh-list`;
		writeFileSync(file, `# comment\nother.example,${token} ${sshd.hostPublicKey}\n`);
		expect(await runWith(file)).toBe('connected\n');
	});

	it('connects with a hashed known_hosts (ssh-keygen -H)', async () => {
		const file = `${sshd.dir}/kh-hashed`;
		copyFileSync(sshd.knownHosts, file);
		execFileSync('ssh-keygen', ['-H', '-f', file], {stdio: 'ignore'});
		expect(readFileSync(file, 'utf8')).toMatch(/^\|1\|/);
		expect(await runWith(file)).toBe('connected\n');
	});

	it('refuses a changed key, showing both fingerprints and the line to fix', async () => {
		keygen(`${sshd.dir}/impostor`);
		const impostor = readFileSync(`${sshd.dir}/impostor.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
		const file = `${sshd.dir}/kh-mismatch`;
		writeFileSync(file, `unrelated.example ${sshd.hostPublicKey}\n${token} ${impostor}\n`);
		const error = await refusal(runWith(file));
		expect(error.message).toContain('HOST KEY MISMATCH');
		expect(error.message).toContain(hostFingerprint);
		expect(error.message).toContain(fingerprint(`${sshd.dir}/impostor.pub`));
		expect(error.message).toContain(`${file}:2`);
		expect(error.details.hint).toContain(`ssh-keygen -R '${token}' -f ${file}`);
	});

	it('refuses a key marked @revoked', async () => {
		const file = `${sshd.dir}/kh-revoked`;
		writeFileSync(file, `@revoked * ${sshd.hostPublicKey}\n${token} ${sshd.hostPublicKey}\n`);
		expect((await refusal(runWith(file))).message).toContain('@revoked');
	});

	it('refuses an unknown host, then accepts and records it with acceptNewHostKeys, once', async () => {
		const file = `${sshd.dir}/kh-new`;
		writeFileSync(file, '');
		const error = await refusal(runWith(file));
		expect(error.message).toContain('Unknown host key');
		expect(error.message).toContain(hostFingerprint);
		expect(readFileSync(file, 'utf8')).toBe('');

		expect(await runWith(file, {acceptNewHostKeys: true})).toBe('connected\n');
		expect(await runWith(file, {acceptNewHostKeys: true})).toBe('connected\n');
		expect(readFileSync(file, 'utf8')).toBe(`${token} ${sshd.hostPublicKey}\n`);
		// OpenSSH finds the entry we wrote.
		expect(execFileSync('ssh-keygen', ['-F', token, '-f', file], {encoding: 'utf8'})).toContain(sshd.hostPublicKey);
		expect(await runWith(file)).toBe('connected\n');
	});

	it('asks confirmHostKey with the SHA256 fingerprint; no refuses, yes records', async () => {
		const file = `${sshd.dir}/kh-confirm`;
		writeFileSync(file, '');
		const asked: string[] = [];
		await refusal(runWith(file, {confirmHostKey: async (host, print) => {
			asked.push(`${host} ${print}`);
			return false;
		}}));
		expect(readFileSync(file, 'utf8')).toBe('');
		expect(await runWith(file, {confirmHostKey: async (host, print) => {
			asked.push(`${host} ${print}`);
			return true;
		}})).toBe('connected\n');
		expect(asked).toEqual([`${token} ${hostFingerprint}`, `${token} ${hostFingerprint}`]);
		expect(readFileSync(file, 'utf8')).toBe(`${token} ${sshd.hostPublicKey}\n`);
	});

	it('the connect timer stands still while the admin reads the fingerprint: an answer after the connect timeout still connects', async () => {
		const file = `${sshd.dir}/kh-slow-admin`;
		writeFileSync(file, '');
		const connectTimeoutMs = 2000;
		expect(await runWith(file, {connectTimeoutMs, confirmHostKey: async () => new Promise(resolve => {
			// The admin takes twice the connect timeout to compare the fingerprint.
			setTimeout(() => resolve(true), 2 * connectTimeoutMs);
		})})).toBe('connected\n');
		expect(readFileSync(file, 'utf8')).toBe(`${token} ${sshd.hostPublicKey}\n`);
	}, 30_000);

	it('honours UserKnownHostsFile from the ssh config', async () => {
		const executor = sshdExecutor(sshd, {knownHostsPath: undefined, configText: `Host *\n  IdentityFile ${sshd.clientKey}\n  UserKnownHostsFile ${sshd.knownHosts}\n`});
		try {
			expect((await executor.run('echo via-config')).stdout).toBe('via-config\n');
		} finally {
			await executor.dispose();
		}
	});
});
