import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {InputError, OperationError} from '../../../source/domain/errors.js';
import type {Host} from '../../../source/domain/inventory-types.js';
import {resolveEndpoint} from '../../../source/executors/ssh/ssh-config.js';
import {pidsMatching, sshdExecutor, startSshd} from '../../helpers/sshd.js';
import type {Sshd} from '../../helpers/sshd.js';
import {waitFor} from '../../helpers/wait-for.js';

const aliasHost = (alias: string): Host => ({id: alias, label: alias, sudo: false, target: {kind: 'ssh', host: alias}});

describe('SSH executor: ProxyCommand and HostKeyAlias over a real sshd', () => {
	let sshd: Sshd;
	let log: string;
	let config: string;
	beforeAll(async () => {
		sshd = await startSshd();
		log = join(sshd.dir, 'proxy-tokens');
		// A relay with bash's /dev/tcp: it ignores %h (an unresolvable name) and reaches the sshd itself, so a
		// connection works only through it; it records the tokens it was given.
		const relay = `/bin/bash -c 'echo "%h %p %r %n %%" > ${log}; exec 3<>/dev/tcp/127.0.0.1/${sshd.port}; cat <&3 & exec cat >&3' snf-relay-marker`;
		config = [
			'Host inner',
			'  HostName target.invalid',
			'  Port 2200',
			'  HostKeyAlias backend-alias',
			`  ProxyCommand ${relay}`,
			'Host *',
			'  User root',
			`  IdentityFile ${sshd.clientKey}`,
			'',
		].join('\n');
	});
	afterAll(async () => {
		await sshd.stop();
	});

	it('connects through the ProxyCommand (tokens expanded) and checks the host key under the alias', async () => {
		const knownHosts = join(sshd.dir, 'kh-alias');
		writeFileSync(knownHosts, `backend-alias ${sshd.hostPublicKey}\n`);
		const executor = sshdExecutor(sshd, {host: aliasHost('inner'), configText: config, knownHostsPath: knownHosts});
		try {
			expect((await executor.run('echo "$SSH_CONNECTION"')).stdout.trim().split(' ')[3]).toBe(String(sshd.port));
			expect(readFileSync(log, 'utf8')).toBe('target.invalid 2200 root inner %\n');
		} finally {
			await executor.dispose();
		}

		await waitFor(() => pidsMatching('snf-relay-marker').length === 0, 'the ProxyCommand to stop with the connection');
	});

	it('refuses a key known only under [host]:port when HostKeyAlias names another, and records a new key under the alias', async () => {
		const knownHosts = join(sshd.dir, 'kh-plain');
		writeFileSync(knownHosts, `[target.invalid]:2200 ${sshd.hostPublicKey}\n`);
		const refused = sshdExecutor(sshd, {host: aliasHost('inner'), configText: config, knownHostsPath: knownHosts});
		const error = await refused.run('true').catch((caught: unknown) => caught);
		await refused.dispose();
		expect(error).toBeInstanceOf(OperationError);
		expect((error as OperationError).message).toContain('Unknown host key for backend-alias');

		const accepting = sshdExecutor(sshd, {host: aliasHost('inner'), configText: config, knownHostsPath: knownHosts, acceptNewHostKeys: true});
		try {
			expect((await accepting.run('echo ok')).stdout).toBe('ok\n');
		} finally {
			await accepting.dispose();
		}

		expect(readFileSync(knownHosts, 'utf8').split('\n')[1]).toMatch(/^backend-alias ssh-ed25519 /);
	});

	it('says what the ProxyCommand printed when it cannot reach the host', async () => {
		// Its stdout (the connection) closes before it says why: the message must still carry what it said.
		const broken = config.replace(/ProxyCommand .*/, 'ProxyCommand /bin/sh -c \'exec >&-; sleep 0.3; echo "no route to %h" >&2; exit 1\'');
		const executor = sshdExecutor(sshd, {host: aliasHost('inner'), configText: broken, knownHostsPath: sshd.knownHosts});
		const error = await executor.run('true').catch((caught: unknown) => caught);
		await executor.dispose();
		expect(error).toBeInstanceOf(OperationError);
		expect((error as OperationError).message).toContain('ProxyCommand said: no route to target.invalid');
	});
});

describe('ssh config directives that would change the connection are refused, by name', () => {
	it.each([
		['ProxyUseFdpass yes', 'ProxyUseFdpass'],
		['PermitLocalCommand yes\n  LocalCommand touch /tmp/x', 'LocalCommand'],
		['CanonicalizeHostname yes', 'CanonicalizeHostname'],
		['BindAddress 10.0.0.1', 'BindAddress'],
		['BindInterface eth1', 'BindInterface'],
		['AddressFamily inet6', 'AddressFamily'],
		['KnownHostsCommand /usr/bin/keys %H', 'KnownHostsCommand'],
		['GlobalKnownHostsFile /etc/other_known_hosts', 'GlobalKnownHostsFile'],
		['IdentityAgent /tmp/other.sock', 'IdentityAgent'],
		['CertificateFile ~/.ssh/id_ed25519-cert.pub', 'CertificateFile'],
		['PKCS11Provider /usr/lib/opensc-pkcs11.so', 'PKCS11Provider'],
		['RemoteCommand tmux attach', 'RemoteCommand'],
		['Tunnel yes', 'Tunnel'],
		['ProxyCommand nc %h %p\n  ProxyJump gw', 'both ProxyCommand and ProxyJump'],
		['ProxyCommand connect %C', 'uses %C'],
	])('%s', (lines, named) => {
		const file = join('/tmp', `snf-ssh-directive-${Math.random().toString(36).slice(2)}`);
		writeFileSync(file, `Host h\n  ${lines}\n`);
		let error: unknown;
		try {
			resolveEndpoint('h', {}, {path: file, homeDir: '/root'});
		} catch (caught) {
			error = caught;
		}

		expect(error).toBeInstanceOf(InputError);
		expect((error as InputError).message).toContain(named);
	});

	it.each([
		['Match exec "test -e /tmp/x"\n  User other\nHost h\n  User root\n', 'Match exec'],
		['Include ~/.ssh/config.d/*\nHost h\n  User root\n', 'Include'],
	])('%j', (text, named) => {
		const file = join('/tmp', `snf-ssh-directive-${Math.random().toString(36).slice(2)}`);
		writeFileSync(file, text);
		expect(() => resolveEndpoint('h', {}, {path: file, homeDir: '/root'})).toThrow(named);
	});

	it('accepts the harmless ones and the values that change nothing', () => {
		const file = join('/tmp', `snf-ssh-directive-${Math.random().toString(36).slice(2)}`);
		writeFileSync(file, 'Host h\n  ControlMaster auto\n  ControlPath ~/.ssh/cm-%r@%h:%p\n  ServerAliveInterval 30\n  AddressFamily any\n  ProxyUseFdpass no\n  LocalCommand echo hi\n  ProxyCommand none\n  ForwardAgent yes\n');
		expect(resolveEndpoint('h', {}, {path: file, homeDir: '/root'})).toMatchObject({hostName: 'h', port: 22});
	});
});
