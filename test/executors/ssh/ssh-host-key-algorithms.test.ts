import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {OperationError} from '../../../source/domain/errors.js';
import {hostKeyAlgorithmsFor} from '../../../source/executors/ssh/host-key-algorithms.js';
import {sshdExecutor, startSshd} from '../../helpers/sshd.js';
import type {Sshd} from '../../helpers/sshd.js';

function publicKey(file: string): string {
	return readFileSync(file, 'utf8').split(' ').slice(0, 2).join(' ');
}

function fingerprint(publicKeyFile: string): string {
	return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyFile], {encoding: 'utf8'}).split(' ')[1]!;
}

function rsaKeygen(path: string): void {
	execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-C', 'snf-test', '-f', path], {stdio: 'ignore'});
}

// OpenSSH puts the key types known_hosts holds for a host first in its proposal; so must we, or a host
// known only by its RSA key (ssh-keyscan -t rsa, UpdateHostKeys) would present ed25519 and look like an attack.
describe('SSH executor: host key algorithms follow known_hosts', () => {
	let dir: string;
	let sshd: Sshd;
	let token: string;
	let rsaKey: string;
	let ed25519Key: string;

	beforeAll(async () => {
		dir = mkdtempSync('/tmp/snf-sshd-rsa-');
		mkdirSync(dir, {recursive: true});
		rsaKeygen(`${dir}/host_rsa`);
		rsaKeygen(`${dir}/impostor_rsa`);
		sshd = await startSshd({dir, extraConfig: `HostKey ${dir}/host_rsa`});
		token = `[127.0.0.1]:${sshd.port}`;
		rsaKey = publicKey(`${dir}/host_rsa.pub`);
		ed25519Key = sshd.hostPublicKey;
	});

	afterAll(async () => {
		await sshd?.stop();
		rmSync(dir, {recursive: true, force: true});
	});

	async function runTrue(knownHostsText: string, name: string, options: Parameters<typeof sshdExecutor>[1] = {}): Promise<number | null> {
		const file = `${dir}/${name}`;
		writeFileSync(file, knownHostsText);
		const executor = sshdExecutor(sshd, {knownHostsPath: file, ...options});
		try {
			return (await executor.run('true')).exitCode;
		} finally {
			await executor.dispose();
		}
	}

	it('proposes the known key types first, in ssh2\'s order, and the default order when none is known', () => {
		expect(hostKeyAlgorithmsFor([])).toBeUndefined();
		expect(hostKeyAlgorithmsFor(['ssh-rsa'])).toEqual([
			'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa', 'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521',
		]);
		expect(hostKeyAlgorithmsFor(['ecdsa-sha2-nistp384', 'ssh-rsa'])?.slice(0, 4)).toEqual(['ecdsa-sha2-nistp384', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
		expect(hostKeyAlgorithmsFor(['ssh-ed25519'])?.[0]).toBe('ssh-ed25519');
	});

	it('connects when known_hosts holds only the host\'s RSA key (plain or hashed)', async () => {
		expect(await runTrue(`${token} ${rsaKey}\n`, 'kh-rsa')).toBe(0);

		writeFileSync(`${dir}/kh-rsa-hashed`, `${token} ${rsaKey}\n`);
		execFileSync('ssh-keygen', ['-H', '-f', `${dir}/kh-rsa-hashed`], {stdio: 'ignore'});
		const hashed = readFileSync(`${dir}/kh-rsa-hashed`, 'utf8');
		expect(hashed).toMatch(/^\|1\|\S+ ssh-rsa /);
		expect(await runTrue(hashed, 'kh-rsa-hashed')).toBe(0);
	});

	it('connects when known_hosts holds only the host\'s ed25519 key', async () => {
		expect(await runTrue(`${token} ${ed25519Key}\n`, 'kh-ed25519')).toBe(0);
	});

	it('checks the RSA key on both hops of a ProxyJump', async () => {
		const config = [
			'Host bastion inner',
			'  HostName 127.0.0.1',
			`  Port ${sshd.port}`,
			'  User root',
			`  IdentityFile ${sshd.clientKey}`,
			'Host inner',
			'  ProxyJump bastion',
			'',
		].join('\n');
		const host = {id: 'inner', label: 'inner', sudo: false, target: {kind: 'ssh', host: 'inner'}} as const;
		expect(await runTrue(`${token} ${rsaKey}\n`, 'kh-rsa-jump', {host, configText: config})).toBe(0);
	});

	it('still refuses a wrong RSA key as a mismatch, with both fingerprints', async () => {
		const error = await runTrue(`${token} ${publicKey(`${dir}/impostor_rsa.pub`)}\n`, 'kh-rsa-wrong').catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(OperationError);
		const {message} = error as OperationError;
		expect(message).toContain('HOST KEY MISMATCH');
		expect(message).toContain(`${fingerprint(`${dir}/host_rsa.pub`)} (ssh-rsa)`);
		expect(message).toContain(fingerprint(`${dir}/impostor_rsa.pub`));
	});
});
