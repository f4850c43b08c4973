import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSshd, type Sshd} from '../helpers/sshd.js';
import type {Terminal} from '../helpers/tmux.js';
import {ensureCliBuilt, runCli} from './run-helpers.js';
import {openWizard, visible, waitForVisible} from './wizard-driver.js';

let work: string;
let sshd: Sshd;
let terminal: Terminal | undefined;

beforeAll(async () => {
	ensureCliBuilt();
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-wizard-key-'));
	sshd = await startSshd();
}, 300_000);

afterAll(async () => {
	terminal?.close();
	await sshd.stop();
	fs.rmSync(work, {recursive: true, force: true});
});

describe('the inventory screen tests a real SSH host (loopback sshd)', () => {
	it('(f) an unknown host key is shown with its SHA256 fingerprint, accepted explicitly, recorded, and then known', async () => {
		const sandbox = path.join(work, 'sb');
		expect((await runCli(['sandbox', sandbox])).code).toBe(0);
		const answersFile = path.join(sandbox, 'answers.json');
		const document = JSON.parse(fs.readFileSync(answersFile, 'utf8')) as {inventory: Record<string, unknown>};
		document.inventory.stats = `root@127.0.0.1:${sshd.port}`;
		fs.writeFileSync(answersFile, JSON.stringify(document));
		// A home of its own: an ssh config with the test key, and no known_hosts yet.
		const home = path.join(work, 'home');
		fs.mkdirSync(path.join(home, '.ssh'), {recursive: true, mode: 0o700});
		fs.writeFileSync(path.join(home, '.ssh', 'config'), `Host *\n  IdentityFile ${sshd.clientKey}\n  IdentitiesOnly yes\n`);
		const knownHosts = path.join(home, '.ssh', 'known_hosts');
		const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', path.join(sshd.dir, 'host_ed25519.pub')], {encoding: 'utf8'}).split(' ')[1]!;

		terminal = openWizard(['--answers', answersFile, '--state-dir', path.join(work, 'state')], work, {HOME: home, SSH_AUTH_SOCK: ''});
		await waitForVisible(terminal, /Hosts: inventory and connection test \(h\)/, 'the welcome');
		terminal.press('h');
		await waitForVisible(terminal, /❯ astakos/, 'the inventory');
		terminal.press('Down', 'Down', 'Down');
		await waitForVisible(terminal, /❯ stats +root@127\.0\.0\.1/, 'the stats host selected');
		terminal.press('t');
		const asked = await waitForVisible(terminal, /Unknown host key for \[127\.0\.0\.1\]:\d+:\n +SHA256:\S+/, 'the host-key question');
		expect(asked).toContain(`Unknown host key for [127.0.0.1]:${sshd.port}:\n  ${fingerprint}`);
		expect(fs.existsSync(knownHosts)).toBe(false);
		terminal.press('y');
		await waitForVisible(terminal, /stats .*✔ login root, root, key recorded/, 'the test passed with the key recorded');
		expect(fs.readFileSync(knownHosts, 'utf8')).toContain(`[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}`);

		terminal.press('t');
		await waitForVisible(terminal, /stats .*✔ login root, root, key known/, 'the key known the second time');
		expect(visible(terminal)).not.toContain('Unknown host key');
		terminal.press('C-c');
		expect(await terminal.exitStatus()).toBe(0);
	}, 180_000);
});
