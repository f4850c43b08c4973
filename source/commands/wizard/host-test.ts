import type {Host} from '../../domain/inventory-types.js';
import {parseRootAccess, rootAccessScript} from '../../domain/parsers/root-access.js';
import type {Executor} from '../../executors/executor.js';
import {createLocalExecutor} from '../../executors/local-executor.js';
import type {AskHostKey, HostCheck} from '../../ui/deployment.js';

export interface HostTestOptions {
	/** ~/.ssh/known_hosts or the file the tests give. */
	readonly knownHostsPath?: string;
	readonly homeDir?: string;
	/** The wizard ending: the executor is disposed then (a connect still waiting, or a host key question left open, is given up). */
	readonly closing?: AbortSignal;
}

/**
 * The connection test of one host: reachable, the login user, root or sudo without a terminal, and the
 * host key — known; unknown, shown to the admin with its SHA256 fingerprint and recorded only if they
 * accept it; changed, refused with both fingerprints. Uses the executors' own host-key check.
 */
export async function testHost(host: Host, askHostKey: AskHostKey, options: HostTestOptions = {}): Promise<HostCheck> {
	if (options.closing?.aborted) {
		return {reachable: false, hostKey: 'not checked', problem: 'not tested: the wizard has ended'};
	}

	let asked: boolean | undefined;
	let executor: Executor;
	if (host.target.kind === 'local') {
		executor = createLocalExecutor(host, {});
	} else {
		const {createSshExecutor} = await import('../../executors/ssh/create-ssh-executor.js');
		executor = createSshExecutor(host, {
			acceptNewHostKeys: false,
			confirmHostKey: async (token, fingerprint) => {
				asked = await askHostKey(token, fingerprint);
				return asked;
			},
			connectTimeoutMs: 15_000,
			...(options.knownHostsPath === undefined ? {} : {knownHostsPath: options.knownHostsPath}),
			...(options.homeDir === undefined ? {} : {homeDir: options.homeDir}),
		});
	}

	const giveUp = () => void executor.dispose();
	options.closing?.addEventListener('abort', giveUp, {once: true});
	const keyState = (): HostCheck['hostKey'] => (host.target.kind === 'local' ? 'local' : asked === undefined ? 'known' : (asked ? 'accepted' : 'refused'));
	try {
		const result = await executor.run(rootAccessScript, {mutates: false, asRoot: false, timeoutMs: 30_000});
		if (result.outcome !== 'completed' || result.exitCode !== 0) {
			return {reachable: false, hostKey: keyState(), problem: result.failure ?? `exit code ${String(result.exitCode)}: ${result.stderr.trim()}`};
		}

		const {user, access} = parseRootAccess(result.stdout);
		return {reachable: true, loginUser: user, root: access, hostKey: keyState()};
	} catch (error) {
		const message = (error as Error).message;
		const hostKey = /HOST KEY MISMATCH/.test(message) ? 'changed' : (asked === false || /Unknown host key/.test(message) ? 'refused' : keyState());
		return {reachable: false, hostKey, problem: message};
	} finally {
		options.closing?.removeEventListener('abort', giveUp);
		await executor.dispose();
	}
}
