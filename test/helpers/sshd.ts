import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import type {Host} from '../../source/domain/inventory-types.js';
import {createSshExecutor} from '../../source/executors/ssh/create-ssh-executor.js';
import type {SshExecutorOptions} from '../../source/executors/ssh/create-ssh-executor.js';
import type {Executor} from '../../source/executors/executor.js';
import type {Sshd} from '../../source/bench/sshd-launcher.js';

// The launcher lives in source/bench so that `npm run bench` (which must not import test/) shares it.
export {startSshd, keygen} from '../../source/bench/sshd-launcher.js';
export type {Sshd} from '../../source/bench/sshd-launcher.js';

export function sshHost(sshd: Sshd, fields: {id?: string; user?: string; host?: string; port?: number; sudo?: boolean} = {}): Host {
	const user = fields.user ?? 'root';
	const host = fields.host ?? '127.0.0.1';
	return {
		id: fields.id ?? 'h1',
		label: `${user}@${host}:${sshd.port}`,
		sudo: fields.sudo ?? user !== 'root',
		target: {kind: 'ssh', user, host, port: fields.port ?? sshd.port},
	};
}

/**
 * An executor for the test sshd that never touches the real ~/.ssh: an ssh config (by default one
 * with only the test client key), the test known_hosts, no agent unless given.
 */
export function sshdExecutor(sshd: Sshd, options: SshExecutorOptions & {host?: Host; configText?: string} = {}): Executor {
	const {host, configText, ...rest} = options;
	const configPath = `${sshd.dir}/ssh_config_${Math.random().toString(36).slice(2)}`;
	writeFileSync(configPath, configText ?? `Host *\n  IdentityFile ${sshd.clientKey}\n`);
	return createSshExecutor(host ?? sshHost(sshd), {
		knownHostsPath: sshd.knownHosts,
		sshConfigPath: configPath,
		homeDir: `${sshd.dir}/home`,
		agentSocket: null,
		...rest,
	});
}

/** Pids whose full command line contains the marker (pgrep -f), excluding pgrep itself. */
export function pidsMatching(marker: string): number[] {
	try {
		return execFileSync('pgrep', ['-f', marker], {encoding: 'utf8'}).split('\n').filter(Boolean).map(Number);
	} catch {
		return [];
	}
}
