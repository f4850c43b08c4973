import {homedir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import type {Host} from '../../domain/inventory-types.js';
import type {Executor} from '../executor.js';
import type {AskPassphrase} from './ssh-auth.js';
import type {ConfirmHostKey} from './host-key-check.js';
import {SshExecutor} from './ssh-executor.js';

export interface SshExecutorOptions {
	/** known_hosts file to check and append to (default: UserKnownHostsFile from the config, else ~/.ssh/known_hosts). */
	readonly knownHostsPath?: string;
	/** ssh config file (default ~/.ssh/config). */
	readonly sshConfigPath?: string;
	/** Trust and record host keys seen for the first time (OpenSSH's accept-new). */
	readonly acceptNewHostKeys?: boolean;
	/** Asked about an unknown host key when acceptNewHostKeys is off (interactive mode). */
	readonly confirmHostKey?: ConfirmHostKey;
	/** Asked for an encrypted key's passphrase; without it such keys are skipped with a clear error. */
	readonly askPassphrase?: AskPassphrase;
	/** A sudo password is configured: root commands use `sudo -S` and the prompt broker types it. */
	readonly sudoWithPassword?: boolean;
	readonly connectTimeoutMs?: number;
	readonly keepaliveIntervalMs?: number;
	/** Home directory for ~/.ssh defaults (tests). */
	readonly homeDir?: string;
	/** ssh-agent socket; default SSH_AUTH_SOCK; null for no agent. */
	readonly agentSocket?: string | null;
}

/** An executor for a host with an `ssh` target. It connects on the first run(); dispose() closes the connection. */
export function createSshExecutor(host: Host, options: SshExecutorOptions = {}): Executor {
	if (host.target.kind !== 'ssh') {
		throw new Error(`createSshExecutor: host ${host.id} has a ${host.target.kind} target`);
	}

	const homeDir = options.homeDir ?? homedir();
	const {target} = host;
	return new SshExecutor(host, {
		alias: target.host,
		...(target.user === undefined ? {} : {user: target.user}),
		...(target.port === undefined ? {} : {port: target.port}),
	}, {
		config: {path: options.sshConfigPath ?? join(homeDir, '.ssh', 'config'), homeDir},
		knownHostsPath: options.knownHostsPath,
		acceptNewHostKeys: options.acceptNewHostKeys ?? false,
		confirmHostKey: options.confirmHostKey,
		askPassphrase: options.askPassphrase,
		agentSocket: options.agentSocket === null ? undefined : (options.agentSocket ?? process.env['SSH_AUTH_SOCK']),
		connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
		keepaliveIntervalMs: options.keepaliveIntervalMs ?? 15_000,
	}, options.sudoWithPassword ?? false);
}
