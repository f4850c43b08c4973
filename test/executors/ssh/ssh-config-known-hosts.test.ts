import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {checkHostKey, hostToken, parseKnownHosts, sha256Fingerprint} from '../../../source/executors/ssh/known-hosts.js';
import {matchHostField} from '../../../source/executors/ssh/host-patterns.js';
import {parseJumpSpec, resolveEndpoint} from '../../../source/executors/ssh/ssh-config.js';
import {rootModeFor} from '../../../source/executors/ssh/ssh-executor.js';
import {keygen} from '../../helpers/sshd.js';

const dir = mkdtempSync('/tmp/snf-ssh-unit-');
afterAll(() => {
	rmSync(dir, {recursive: true, force: true});
});

describe('ssh config resolution', () => {
	const config = join(dir, 'config');
	writeFileSync(config, [
		'Host web-*',
		'  HostName %h.example.org',
		'  Port 2200',
		'  User deploy',
		'  IdentityFile ~/.ssh/web_key',
		'  ProxyJump admin@bastion:2222,[10.0.0.1]:22',
		'Host direct',
		'  ProxyJump none',
		'Host *',
		'  User fallback',
		'  IdentityFile %d/.ssh/id_%r',
		'',
	].join('\n'));
	const source = {path: config, homeDir: '/home/admin'};

	it('applies Host patterns, %h, ~ and first-match-wins like OpenSSH', () => {
		const endpoint = resolveEndpoint('web-1', {}, source);
		expect(endpoint).toMatchObject({hostName: 'web-1.example.org', port: 2200, user: 'deploy', proxyJump: ['admin@bastion:2222', '[10.0.0.1]:22']});
		expect(endpoint.identityFiles).toEqual(['/home/admin/.ssh/web_key', '/home/admin/.ssh/id_deploy']);
	});

	it('lets the inventory user and port win over the config', () => {
		expect(resolveEndpoint('web-1', {user: 'root', port: 22}, source)).toMatchObject({user: 'root', port: 22});
		expect(resolveEndpoint('direct', {}, source)).toMatchObject({hostName: 'direct', port: 22, user: 'fallback', proxyJump: []});
	});

	it('splits ProxyJump hops', () => {
		expect(parseJumpSpec('admin@bastion:2222')).toEqual({user: 'admin', host: 'bastion', port: 2222});
		expect(parseJumpSpec('[::1]:22')).toEqual({host: '::1', port: 22});
		expect(parseJumpSpec('gw')).toEqual({host: 'gw'});
	});

	it('treats a missing config file as an empty one', () => {
		expect(resolveEndpoint('h', {}, {path: join(dir, 'absent'), homeDir: '/root'})).toMatchObject({hostName: 'h', port: 22, identityFiles: []});
	});
});

describe('known_hosts matching', () => {
	keygen(join(dir, 'k1'));
	keygen(join(dir, 'k2'));
	const [type1 = '', base1 = ''] = readFileSync(join(dir, 'k1.pub'), 'utf8').split(' ');
	const [, base2 = ''] = readFileSync(join(dir, 'k2.pub'), 'utf8').split(' ');
	const key1 = Buffer.from(base1, 'base64');
	const key2 = Buffer.from(base2, 'base64');

	it('uses [host]:port only off port 22', () => {
		expect(hostToken('db', 22)).toBe('db');
		expect(hostToken('db', 2222)).toBe('[db]:2222');
	});

	it('matches globs and comma lists, and a negation wins', () => {
		expect(matchHostField('*.example.org,!bad.example.org', 'good.example.org')).toBe(1);
		expect(matchHostField('*.example.org,!bad.example.org', 'bad.example.org')).toBe(-1);
		expect(matchHostField('[db]:2222', 'db')).toBe(0);
	});

	it('gives the same fingerprint as ssh-keygen -l', () => {
		const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'k1.pub')], {encoding: 'utf8'}).split(' ')[1];
		expect(sha256Fingerprint(key1)).toBe(printed);
	});

	it('finds ok, mismatch (with the lines) and unknown; hashed entries included', () => {
		const file = join(dir, 'known_hosts');
		writeFileSync(file, `db ${type1} ${base1}\n`);
		execFileSync('ssh-keygen', ['-H', '-f', file], {stdio: 'ignore'});
		const entries = parseKnownHosts(`# header\n${readFileSync(file, 'utf8')}`, file);
		expect(checkHostKey(entries, 'db', key1).kind).toBe('ok');
		const mismatch = checkHostKey(entries, 'db', key2);
		expect(mismatch.kind === 'mismatch' && mismatch.entries.map(entry => entry.line)).toEqual([2]);
		expect(checkHostKey(entries, '[db]:2222', key1).kind).toBe('unknown');
	});

	it('chooses the sudo mode from the login user', () => {
		expect(rootModeFor('root', true, true)).toBe('direct');
		expect(rootModeFor('admin', true, false)).toBe('sudo');
		expect(rootModeFor('admin', true, true)).toBe('sudo-password');
		expect(rootModeFor('admin', false, true)).toBe('direct');
	});
});
