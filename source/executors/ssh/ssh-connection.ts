import type {Duplex} from 'node:stream';
import ssh2 from 'ssh2';
import type {Client} from 'ssh2';
import {OperationError} from '../../domain/errors.js';
import {createAuthHandler} from './ssh-auth.js';
import type {AskPassphrase} from './ssh-auth.js';
import type {SshConfigSource, SshEndpoint} from './ssh-config.js';
import {createHostVerifier} from './host-key-check.js';
import type {ConfirmHostKey} from './host-key-check.js';
import {hostKeyProposal} from './host-key-algorithms.js';
import {hostKeyName} from './known-hosts.js';
import {startHandshakeTimer} from './handshake-timer.js';
import {join} from 'node:path';

export interface ConnectionSettings {
	readonly config: SshConfigSource;
	/** Injected known_hosts file (tests); otherwise UserKnownHostsFile or ~/.ssh/known_hosts. */
	readonly knownHostsPath: string | undefined;
	readonly acceptNewHostKeys: boolean;
	readonly confirmHostKey: ConfirmHostKey | undefined;
	readonly askPassphrase: AskPassphrase | undefined;
	readonly agentSocket: string | undefined;
	readonly connectTimeoutMs: number;
	readonly keepaliveIntervalMs: number;
}

const givenUp = 'given up: the connection is no longer wanted';

function knownHostsFor(endpoint: SshEndpoint, settings: ConnectionSettings): {files: string[]; globals: string[]} {
	if (settings.knownHostsPath !== undefined) {
		return {files: [settings.knownHostsPath], globals: []};
	}

	const files = endpoint.userKnownHostsFiles.length > 0
		? [...endpoint.userKnownHostsFiles]
		: [join(settings.config.homeDir, '.ssh', 'known_hosts'), join(settings.config.homeDir, '.ssh', 'known_hosts2')];
	return {files, globals: ['/etc/ssh/ssh_known_hosts']};
}

function describeFailure(error: Error & {level?: string; code?: string}, endpoint: SshEndpoint, authProblems: string[], authTried: string[]): OperationError {
	const where = `${endpoint.user}@${endpoint.hostName}:${endpoint.port}`;
	const host = endpoint.alias;
	if (error.level === 'client-authentication') {
		const tried = authTried.length > 0 ? authTried.join(', ') : 'no agent and no identity file';
		const problems = authProblems.length > 0 ? ` Problems: ${authProblems.join('; ')}.` : '';
		return new OperationError(`SSH authentication failed for ${where} (tried: ${tried}).${problems}`, {
			host,
			hint: `Check that your public key is in ~${endpoint.user}/.ssh/authorized_keys on ${endpoint.hostName}, or load the key into ssh-agent (ssh-add).`,
		});
	}

	if (error.code === 'ECONNREFUSED') {
		return new OperationError(`SSH connection to ${endpoint.hostName}:${endpoint.port} refused.`, {host, hint: `Is sshd running on ${endpoint.hostName} and listening on port ${endpoint.port}?`});
	}

	if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
		return new OperationError(`Cannot resolve SSH host name ${endpoint.hostName}.`, {host, hint: 'Check the host name in the inventory or HostName in ~/.ssh/config.'});
	}

	if (error.level === 'client-timeout') {
		return new OperationError(`SSH connection to ${where} timed out.`, {host, hint: 'Check that the host is up and reachable (firewall, VPN).'});
	}

	return new OperationError(`SSH connection to ${where} failed: ${error.message}`, {host});
}

/**
 * Opens one SSH hop (TCP, or through `sock` for a ProxyJump), checking the host key. `signal` gives the connect up
 * (the executor disposed while a host has not answered yet): the socket is destroyed at once, not at the timeout.
 */
export async function connectEndpoint(endpoint: SshEndpoint, settings: ConnectionSettings, sock?: Duplex, signal?: AbortSignal): Promise<Client> {
	if (signal?.aborted) {
		throw describeFailure(new Error(givenUp), endpoint, [], []);
	}

	const known = knownHostsFor(endpoint, settings);
	const client = new ssh2.Client();
	let fail: (error: Error & {level?: string; code?: string}) => void = () => {};
	// Our own connect timeout instead of ssh2's readyTimeout, which also ran while the admin read a fingerprint or typed a passphrase.
	const timer = startHandshakeTimer(settings.connectTimeoutMs, () => {
		// Destroyed before fail() ends it: after end() ssh2's destroy() leaves a socket it no longer finds writable
		// open, and a host that never answers then kept the process alive for ever (close comes on a later tick).
		client.destroy();
		fail(Object.assign(new Error('Timed out while waiting for handshake'), {level: 'client-timeout'}));
	});
	const {confirmHostKey, askPassphrase} = settings;
	const verifier = createHostVerifier(endpoint, {
		knownHostsFiles: known.files,
		globalKnownHostsFiles: known.globals,
		acceptNewHostKeys: settings.acceptNewHostKeys,
		confirmHostKey: confirmHostKey && (async (host, fingerprint) => timer.paused(async () => confirmHostKey(host, fingerprint))),
	});
	// Key types already known for this host go first (OpenSSH's HostKeyAlgorithms ordering), on every hop.
	const serverHostKey = hostKeyProposal([...known.files, ...known.globals], hostKeyName(endpoint));
	const auth = createAuthHandler(endpoint, {
		agentSocket: settings.agentSocket,
		homeDir: settings.config.homeDir,
		askPassphrase: askPassphrase && (async keyPath => timer.paused(async () => askPassphrase(keyPath))),
	});
	return new Promise<Client>((resolve, reject) => {
		let settled = false;
		const giveUp = () => {
			// As at the timeout: destroyed before fail() ends it.
			client.destroy();
			fail(new Error(givenUp));
		};

		fail = (error: Error & {level?: string; code?: string}): void => {
			if (settled) {
				return;
			}

			settled = true;
			timer.stop();
			signal?.removeEventListener('abort', giveUp);
			client.end();
			reject(verifier.refusal() ?? describeFailure(error, endpoint, auth.report.problems, auth.report.tried));
		};

		client.on('error', (error: Error & {level?: string}) => {
			if (error.level === 'agent') {
				auth.report.problems.push(`ssh-agent: ${error.message}`);
				return;
			}

			fail(error);
		});
		client.on('close', () => {
			fail(new Error('connection closed during the handshake'));
		});
		client.on('ready', () => {
			client.setNoDelay(true);
			settled = true;
			timer.stop();
			signal?.removeEventListener('abort', giveUp);
			resolve(client);
		});
		signal?.addEventListener('abort', giveUp, {once: true});
		client.connect({
			host: endpoint.hostName,
			port: endpoint.port,
			username: endpoint.user,
			...(sock === undefined ? {} : {sock}),
			...(serverHostKey === undefined ? {} : {algorithms: {serverHostKey}}),
			hostVerifier: verifier.verify,
			authHandler: auth.handler,
			readyTimeout: 0,
			keepaliveInterval: settings.keepaliveIntervalMs,
			keepaliveCountMax: 3,
		});
	});
}
