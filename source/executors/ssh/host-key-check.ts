import {OperationError} from '../../domain/errors.js';
import {appendKnownHost, checkHostKey, hostKeyName, keyTypeOf, readKnownHosts, sha256Fingerprint} from './known-hosts.js';
import type {SshEndpoint} from './ssh-config.js';

/** Asks the admin whether to trust an unknown host's key (the interactive wizard provides it). */
export type ConfirmHostKey = (host: string, fingerprint: string) => Promise<boolean>;

export interface HostKeyPolicy {
	/** Files read for known keys; the first is the one new keys are appended to. */
	readonly knownHostsFiles: readonly string[];
	/** Read-only extra files (the global /etc/ssh/ssh_known_hosts). */
	readonly globalKnownHostsFiles: readonly string[];
	readonly acceptNewHostKeys: boolean;
	readonly confirmHostKey: ConfirmHostKey | undefined;
}

/** A host-key verifier for ssh2 that records why it refused, so the connect error can say it. */
export function createHostVerifier(endpoint: SshEndpoint, policy: HostKeyPolicy): {
	verify: (key: Buffer, done: (ok: boolean) => void) => void;
	refusal: () => OperationError | undefined;
} {
	let refusal: OperationError | undefined;
	const token = hostKeyName(endpoint);
	const primary = policy.knownHostsFiles[0] ?? '/dev/null';
	const verify = (key: Buffer, done: (ok: boolean) => void): void => {
		const presented = `${sha256Fingerprint(key)} (${keyTypeOf(key)})`;
		let verdict;
		try {
			verdict = checkHostKey(readKnownHosts([...policy.knownHostsFiles, ...policy.globalKnownHostsFiles]), token, key);
		} catch (error) {
			refusal = new OperationError(`Could not read known_hosts for ${token}: ${(error as Error).message}`, {host: endpoint.alias});
			done(false);
			return;
		}

		switch (verdict.kind) {
			case 'ok': {
				done(true);
				return;
			}

			case 'revoked': {
				refusal = new OperationError(
					`Host key ${presented} of ${token} is marked @revoked in ${verdict.entry.file}:${verdict.entry.line}; refusing to connect.`,
					{host: endpoint.alias, hint: 'Ask the host\'s administrator for the current host key; a revoked key must not be trusted.'},
				);
				done(false);
				return;
			}

			case 'mismatch': {
				const expected = verdict.entries.map(entry => `${sha256Fingerprint(entry.key)} (${entry.keyType}) at ${entry.file}:${entry.line}`);
				const file = verdict.entries[0]?.file ?? primary;
				refusal = new OperationError(
					`HOST KEY MISMATCH for ${token}: the host presented ${presented}, but known_hosts expects ${expected.join('; ')}. `
					+ 'Someone could be intercepting the connection, or the host was reinstalled.',
					{host: endpoint.alias, hint: `If you verified that the host key really changed: ssh-keygen -R '${token}' -f ${file} (then connect again and check the new fingerprint).`},
				);
				done(false);
				return;
			}

			case 'unknown': {
				if (policy.acceptNewHostKeys) {
					appendKnownHost(primary, token, key);
					done(true);
					return;
				}

				const refuseUnknown = (): void => {
					refusal = new OperationError(
						`Unknown host key for ${token}: ${presented} is not in ${policy.knownHostsFiles.join(', ')}.`,
						{host: endpoint.alias, hint: `Check the fingerprint with the host's administrator (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the host), then accept it interactively or pass --accept-new-host-keys.`},
					);
					done(false);
				};

				if (policy.confirmHostKey === undefined) {
					refuseUnknown();
					return;
				}

				policy.confirmHostKey(token, sha256Fingerprint(key)).then(yes => {
					if (yes) {
						appendKnownHost(primary, token, key);
						done(true);
					} else {
						refuseUnknown();
					}
				}, (error: unknown) => {
					refusal = new OperationError(`Host key confirmation for ${token} failed: ${(error as Error).message}`, {host: endpoint.alias});
					done(false);
				});
			}
		}
	};

	return {verify, refusal: () => refusal};
}
