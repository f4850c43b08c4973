import {execFileSync} from 'node:child_process';
import {existsSync, rmSync, writeFileSync} from 'node:fs';
import process from 'node:process';

function userPids(name: string): number[] {
	try {
		return execFileSync('pgrep', ['-u', name], {encoding: 'utf8'}).split('\n').filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

/** A throwaway local user that can log in over the test sshd and use sudo. */
export interface SudoUser {
	readonly name: string;
	remove(): void;
}

function ensureSudo(): void {
	if (!existsSync('/usr/bin/sudo')) {
		// CI installs it through .ci/run; this covers a machine where the package list was not applied.
		execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'sudo'], {stdio: 'ignore', env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}});
	}
}

/**
 * Creates a user with a sudoers.d entry (needs root). With a password, sudo asks for it; without,
 * the entry is NOPASSWD and the shadow password is `*` (not `!`: sshd without PAM refuses locked accounts).
 */
export function createSudoUser(dir: string, password?: string): SudoUser {
	ensureSudo();
	const name = `snf${Math.random().toString(36).slice(2, 8)}`;
	const home = `${dir}/home-${name}`;
	const sudoers = `/etc/sudoers.d/snf-test-${name}`;
	execFileSync('useradd', ['-m', '-d', home, '-s', '/bin/sh', name], {stdio: 'ignore'});
	if (password === undefined) {
		execFileSync('usermod', ['-p', '*', name], {stdio: 'ignore'});
	} else {
		execFileSync('chpasswd', [], {input: `${name}:${password}\n`});
	}

	writeFileSync(sudoers, `${name} ALL=(ALL) ${password === undefined ? 'NOPASSWD: ' : ''}ALL\n`, {mode: 0o440});
	return {
		name,
		remove() {
			rmSync(sudoers, {force: true});
			// userdel refuses while the user still has processes: kill them (by pid) and retry briefly.
			for (let attempt = 0; ; attempt++) {
				for (const pid of userPids(name)) {
					try {
						process.kill(pid, 'SIGKILL');
					} catch {
						// already gone
					}
				}

				try {
					execFileSync('userdel', ['-r', name], {stdio: 'ignore'});
					return;
				} catch (error) {
					if (attempt >= 20) {
						throw error;
					}

					execFileSync('sleep', ['0.1']);
				}
			}
		},
	};
}
