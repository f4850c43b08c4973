import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {applyEdits} from '../../../source/domain/transforms/apply-edits.js';
import {vncDefault14, vncDefault15} from '../../../source/sandbox/files/vncauthproxy-default.js';
import {garbageOutputs, status} from '../../helpers/verdict-status.js';
import {commandsOf, editsOf, exampleStep, inventoryWith, lines, output, pythonValues, secretEnv} from './plan-fixture.js';

const apt = 'DEBIAN_FRONTEND=noninteractive apt-get install -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold';

describe('2.5 vncauthproxy', () => {
	it('installs snf-vncauthproxy on the vncauthproxy host (the Cyclades host by default) and checks for ≥ 1.5', () => {
		const step = exampleStep('install-vncauthproxy');
		expect(lines(step)).toEqual([`cyclades: ${apt} snf-vncauthproxy`]);
		const [probe] = step.probes;
		expect(probe!.isDone(output('snf-vncauthproxy 1.5-1~wheezy\n')).ok).toBe(true);
		expect(probe!.isDone(output('snf-vncauthproxy 1.6.1-1\n')).ok).toBe(true);
		expect(probe!.isDone(output('snf-vncauthproxy 1.4-1~wheezy\n')).ok).toBe(false);
	});

	it('follows a separate vncauthproxy host', () => {
		const inventory = inventoryWith(raw => {
			raw['vncauthproxy'] = {name: 'vnc', ssh: 'root@vnc.example.synnefo.org'};
		});
		expect(lines(exampleStep('restart-vncauthproxy', {inventory}))).toEqual(['vnc: service vncauthproxy restart']);
	});

	it("warns when the daemon is on another host but server_address is Cyclades' loopback", () => {
		const inventory = inventoryWith(raw => {
			raw['vncauthproxy'] = {name: 'vnc', ssh: 'root@vnc.example.synnefo.org'};
		});
		const [separate] = editsOf(exampleStep('cyclades-vncauthproxy-opts', {inventory}));
		expect(separate!.note).toMatch(/^WARNING: vncauthproxy runs on vnc, not on cyclades: server_address 127\.0\.0\.1 is Cyclades' own loopback/);
		expect(editsOf(exampleStep('cyclades-vncauthproxy-opts', {inventory, set: {vncServerAddress: '10.0.0.5'}}))[0]!.note).toBeUndefined();
		expect(editsOf(exampleStep('cyclades-vncauthproxy-opts'))[0]!.note).toBeUndefined();
	});

	it('adds the user with vncauthproxy-passwd in a terminal, typing the password at its getpass prompt', () => {
		const step = exampleStep('vncauthproxy-user');
		expect(lines(step)).toEqual(['cyclades: vncauthproxy-passwd /var/lib/vncauthproxy/users synnefo']);
		const [action] = commandsOf(step);
		expect(action).toMatchObject({pty: true, mutates: true, asRoot: true});
		expect(action!.prompts).toHaveLength(1);
		expect(new RegExp(action!.prompts[0]!.match).test('Password: ')).toBe(true);
		expect(action!.prompts[0]!.answer).toEqual({secret: 'vncPassword', value: secretEnv.SNF_VNC_PASSWORD});
	});

	it("reads the user's line in the users file with its hash masked: done only for one SHA-512 crypt entry", () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'snf-vnc-'));
		try {
			const users = path.join(dir, 'users');
			const [probe] = exampleStep('vncauthproxy-user', {set: {vncauthproxyUsersFile: users}}).probes;
			const run = (content: string | undefined) => {
				rmSync(users, {force: true});
				if (content !== undefined) {
					writeFileSync(users, content);
				}

				const ran = spawnSync('/bin/sh', ['-c', renderShell(probe!.shell, 'reveal')], {encoding: 'utf8'});
				return {exitCode: ran.status, stdout: ran.stdout, stderr: ran.stderr};
			};

			// What vncauthproxy-passwd writes (crypt SHA-512, 16-character salt, 86-character hash).
			const hash = 'Zq8h5cW3l7l0j0E4n0yXgXG0W9O9Yh9u8mJq0s2mKxQ0gLq3Q7Hn8lWcJ2K1ZyqL3r1Yw2bQ8c9dE0fG1hI2j.';
			const line = `synnefo:$6$abcdefgh12345678$${hash}\n`;
			const read = run(`other:$6$zzzzzzzzzzzzzzzz$${hash}\n${line}`);
			expect(read.stdout).not.toContain(hash);
			expect(read.stdout).toBe('snf-upgrade-vnc-users present\nother:$6$zzzzzzzzzzzzzzzz$<86 crypt>\nsynnefo:$6$abcdefgh12345678$<86 crypt>\n');
			expect(probe!.isDone(read)).toEqual({ok: true, detail: `synnefo has a SHA-512 crypt line (salt 16 characters, hash 86) in ${users}`});
			expect(probe!.isDone(run('other:$6$abcdefgh12345678$' + hash + '\nsynnefox:$6$x$y\n'))).toEqual({ok: false, detail: `synnefo is not in ${users} (2 other user lines)`});
			expect(probe!.isDone(run(undefined))).toEqual({ok: false, detail: `${users} does not exist`});
			expect(probe!.isDone(run(''))).toEqual({ok: false, detail: `synnefo is not in ${users} (0 other user lines)`});
			// A plain password, a cut hash, a duplicate: not evidence.
			expect(status(probe!.isDone(run('synnefo:secret\n')))).toBe('cannot tell');
			expect(run('synnefo:secret\n').stdout).not.toContain('secret');
			expect(status(probe!.isDone(run(`synnefo:$6$abcdefgh12345678$${hash.slice(0, 40)}\n`)))).toBe('cannot tell');
			expect(status(probe!.isDone(run(line + line)))).toBe('cannot tell');
			for (const [, garbage] of garbageOutputs) {
				expect(status(probe!.isDone(garbage))).toBe('cannot tell');
			}
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});

	it('writes CYCLADES_VNCAUTHPROXY_OPTS with exactly the seven keys', () => {
		const step = exampleStep('cyclades-vncauthproxy-opts');
		expect(lines(step)).toEqual([
			"cyclades: edit /etc/synnefo/20-snf-cyclades-app-api.conf: set CYCLADES_VNCAUTHPROXY_OPTS = {'auth_user': 'synnefo', 'auth_password': '••••', 'server_address': '127.0.0.1', 'server_port': 24999, 'enable_ssl': False, 'ca_cert': None, 'strict': False}",
		]);
		const edited = applyEdits('', editsOf(step)[0]!.edits, 'reveal');
		expect(pythonValues(edited, ['CYCLADES_VNCAUTHPROXY_OPTS'])).toEqual({
			CYCLADES_VNCAUTHPROXY_OPTS: {auth_user: 'synnefo', auth_password: secretEnv.SNF_VNC_PASSWORD, server_address: '127.0.0.1', server_port: 24_999, enable_ssl: false, ca_cert: null, strict: false},
		});
	});

	it('uses TLS settings when given and warns about strict without a CA certificate', () => {
		const withCa = exampleStep('cyclades-vncauthproxy-opts', {set: {vncEnableSsl: true, vncCaCert: '/etc/ssl/vnc-ca.pem', vncStrict: true}});
		expect(lines(withCa)[0]).toContain("'enable_ssl': True, 'ca_cert': '/etc/ssl/vnc-ca.pem', 'strict': True}");
		expect(editsOf(withCa)[0]!.note).toBeUndefined();
		const strictOnly = exampleStep('cyclades-vncauthproxy-opts', {set: {vncEnableSsl: true, vncStrict: true}});
		expect(editsOf(strictOnly)[0]!.note).toMatch(/strict without ca_cert/);
	});

	it('sets CHUID and DAEMON_OPTS (keeping --pid-file=$PIDFILE) in the defaults file', () => {
		expect(lines(exampleStep('vncauthproxy-defaults'))).toEqual([
			'cyclades: edit /etc/default/vncauthproxy: set CHUID="vncauthproxy:vncauthproxy" | set DAEMON_OPTS="--pid-file=$PIDFILE"',
		]);
		const custom = exampleStep('vncauthproxy-defaults', {set: {vncServerAddress: '10.0.0.5', vncServerPort: 25_999, vncEnableSsl: true, vncauthproxyChuid: 'vnc:vnc'}});
		expect(lines(custom)).toEqual([
			'cyclades: edit /etc/default/vncauthproxy: set CHUID="vnc:vnc" | set DAEMON_OPTS="--pid-file=$PIDFILE --listen-address=10.0.0.5 --listen-port=25999 --enable-ssl"',
		]);
		const edited = applyEdits('#CHUID="vncauthproxy:vncauthproxy"\n#DAEMON_OPTS="--pid-file=$PIDFILE"\n', editsOf(custom)[0]!.edits, 'reveal');
		const sourced = execFileSync('/bin/sh', ['-c', `PIDFILE=/run/v.pid; eval "$(cat)"; printf '%s|%s' "$CHUID" "$DAEMON_OPTS"`], {input: edited, encoding: 'utf8'});
		expect(sourced).toBe('vnc:vnc|--pid-file=/run/v.pid --listen-address=10.0.0.5 --listen-port=25999 --enable-ssl');
	});

	it('the defaults are done when applying the edit to the file read changes nothing', () => {
		const step = exampleStep('vncauthproxy-defaults');
		const [probe] = step.probes;
		expect(renderShell(probe!.shell, 'mask')).toBe('cat -- /etc/default/vncauthproxy');
		// The 1.4 and 1.5 files as the packages ship them: to do; after the edit: done.
		for (const shipped of [vncDefault14, vncDefault15]) {
			expect(probe!.isDone(output(shipped))).toEqual({ok: false, detail: '/etc/default/vncauthproxy still needs: set CHUID="vncauthproxy:vncauthproxy"; set DAEMON_OPTS="--pid-file=$PIDFILE"'});
		}

		const edited = applyEdits(vncDefault15, editsOf(step)[0]!.edits, 'reveal');
		expect(probe!.isDone(output(edited))).toEqual({ok: true, detail: 'applying them would change nothing in /etc/default/vncauthproxy (set CHUID="vncauthproxy:vncauthproxy"; set DAEMON_OPTS="--pid-file=$PIDFILE")'});
		// Another DAEMON_OPTS (the listen port changed since): to do, naming only what differs.
		expect(probe!.isDone(output(edited.replace('--pid-file=$PIDFILE', '--pid-file=$PIDFILE --listen-port=1')))).toEqual({ok: false, detail: '/etc/default/vncauthproxy still needs: set DAEMON_OPTS="--pid-file=$PIDFILE"'});
		expect(status(probe!.isDone(output('', 'cat: /etc/default/vncauthproxy: No such file or directory\n', 1)))).toBe('cannot tell');
		expect(status(probe!.isDone({stdout: '', stderr: '', exitCode: null}))).toBe('cannot tell');
	});

	it('restarts the daemon', () => {
		expect(lines(exampleStep('restart-vncauthproxy'))).toEqual(['cyclades: service vncauthproxy restart']);
	});
});
