import {execFileSync, spawn} from 'node:child_process';
import type {ChildProcess} from 'node:child_process';
import {chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import process from 'node:process';
import {setTimeout as delay} from 'node:timers/promises';
import {descendants, freePort, killQuietly, portOpen} from './processes.js';

/**
 * A throwaway OpenSSH sshd on 127.0.0.1 (no systemd), used by the SSH tests and `npm run bench`.
 * Everything lives in one temp directory: host key, client key, authorized_keys (for every user),
 * known_hosts for the client, the config and the log.
 */
export interface Sshd {
	readonly port: number;
	readonly dir: string;
	/** The listening sshd's pid (its children are the per-connection processes). */
	readonly pid: number;
	/** Unencrypted ed25519 client key accepted for every user. */
	readonly clientKey: string;
	/** known_hosts with this server's key as `[127.0.0.1]:port`. */
	readonly knownHosts: string;
	/** `ssh-ed25519 AAAA…` of the host key. */
	readonly hostPublicKey: string;
	/** Adds a public key to authorized_keys (for every user). */
	authorize(publicKey: string): void;
	/** Kills every per-connection sshd process (and what runs under it), keeping the listener: connections drop. */
	dropConnections(): void;
	stop(): Promise<void>;
}

export interface SshdOptions {
	/** Directory to use (created); default a fresh one under /tmp. */
	readonly dir?: string;
	/** Lines appended to sshd_config. */
	readonly extraConfig?: string;
	/**
	 * Reachable at every 127.x.y.z (one sshd standing in for many hosts): listens on 0.0.0.0, and
	 * AllowUsers admits logins from 127.0.0.0/8 only.
	 */
	readonly wholeLoopback?: boolean;
	/** sshd's MaxSessions (default 100). */
	readonly maxSessions?: number;
	/** sshd's MaxStartups (default '100:30:200'). */
	readonly maxStartups?: string;
}

export function keygen(path: string, passphrase = '', comment = 'snf-test'): void {
	// Few KDF rounds: the keys are throwaway and decrypting them should not slow the tests down.
	execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-a', '4', '-N', passphrase, '-C', comment, '-f', path], {stdio: 'ignore'});
}

function launch(config: string, dir: string, hideBashrc: boolean): ChildProcess {
	const log = join(dir, 'sshd.log');
	const sshd = `exec /usr/sbin/sshd -D -e -f '${config}' 2>>'${log}'`;
	if (hideBashrc) {
		const empty = join(dir, 'empty-bashrc');
		writeFileSync(empty, '');
		// Root's .bashrc can cost 100+ ms per command (pyenv init); hide it in a private mount namespace.
		return spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', `mount --bind '${empty}' /root/.bashrc && ${sshd}`], {stdio: 'ignore'});
	}

	return spawn('sh', ['-c', sshd], {stdio: 'ignore'});
}

export async function startSshd(options: SshdOptions = {}): Promise<Sshd> {
	const dir = options.dir ?? mkdtempSync('/tmp/snf-sshd-');
	mkdirSync(dir, {recursive: true});
	chmodSync(dir, 0o755); // other users must read authorized_keys
	keygen(join(dir, 'host_ed25519'));
	keygen(join(dir, 'client_ed25519'));
	const authorizedKeys = join(dir, 'authorized_keys');
	copyFileSync(join(dir, 'client_ed25519.pub'), authorizedKeys);
	chmodSync(authorizedKeys, 0o644);
	if (process.getuid?.() === 0) {
		// sshd as root refuses to start without its privilege-separation directory.
		mkdirSync('/run/sshd', {recursive: true, mode: 0o755});
	}

	const port = await freePort();
	const config = join(dir, 'sshd_config');
	writeFileSync(config, [
		`Port ${port}`,
		options.wholeLoopback === true ? 'ListenAddress 0.0.0.0\nAllowUsers *@127.0.0.0/8' : 'ListenAddress 127.0.0.1',
		`HostKey ${join(dir, 'host_ed25519')}`,
		`PidFile ${join(dir, 'sshd.pid')}`,
		`AuthorizedKeysFile ${authorizedKeys}`,
		'UsePAM no',
		'PasswordAuthentication no',
		'KbdInteractiveAuthentication no',
		'PermitRootLogin prohibit-password',
		'StrictModes no',
		'PrintMotd no',
		'PrintLastLog no',
		'UseDNS no',
		`MaxSessions ${options.maxSessions ?? 100}`,
		`MaxStartups ${options.maxStartups ?? '100:30:200'}`,
		'AllowTcpForwarding yes',
		'ClientAliveInterval 0',
		options.extraConfig ?? '',
		'',
	].join('\n'));
	const isRoot = process.getuid?.() === 0;
	const canHide = isRoot && existsSync('/root/.bashrc') && existsSync('/usr/bin/unshare');
	let child = launch(config, dir, canHide);
	let exited = false;
	child.once('exit', () => {
		exited = true;
	});
	for (let waited = 0; !(await portOpen(port)); waited += 50) {
		if (exited && canHide) {
			// No mount namespaces here (container without CAP_SYS_ADMIN): run sshd plainly.
			child = launch(config, dir, false);
			exited = false;
			child.once('exit', () => {
				exited = true;
			});
		} else if (exited || waited > 10_000) {
			const log = existsSync(join(dir, 'sshd.log')) ? readFileSync(join(dir, 'sshd.log'), 'utf8') : '';
			throw new Error(`sshd did not start on port ${port}: ${log}`);
		}

		await delay(50);
	}

	const hostPublicKey = readFileSync(join(dir, 'host_ed25519.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
	const knownHosts = join(dir, 'known_hosts');
	writeFileSync(knownHosts, `[127.0.0.1]:${port} ${hostPublicKey}\n`);
	const pid = child.pid!;
	const running = child;
	return {
		port,
		dir,
		pid,
		clientKey: join(dir, 'client_ed25519'),
		knownHosts,
		hostPublicKey,
		authorize(publicKey) {
			writeFileSync(authorizedKeys, `${readFileSync(authorizedKeys, 'utf8').trimEnd()}\n${publicKey.trim()}\n`);
		},
		dropConnections() {
			for (const session of descendants(pid)) {
				killQuietly(session, 'SIGKILL');
			}
		},
		async stop() {
			const sessions = descendants(pid);
			const gone = new Promise<void>(resolve => {
				if (running.exitCode !== null || running.signalCode !== null) {
					resolve();
				} else {
					running.once('exit', () => {
						resolve();
					});
				}
			});
			killQuietly(pid, 'SIGTERM');
			for (const session of sessions) {
				killQuietly(session, 'SIGKILL');
			}

			await gone;
			if (options.dir === undefined) {
				rmSync(dir, {recursive: true, force: true});
			}
		},
	};
}
