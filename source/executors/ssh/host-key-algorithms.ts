import type {ServerHostKeyAlgorithm} from 'ssh2';
import {entriesFor, readKnownHosts} from './known-hosts.js';
import type {KnownHostEntry} from './known-hosts.js';

/** ssh2's default server host key proposal (Node 20 has Ed25519), most preferred first. */
const defaultServerHostKey: readonly ServerHostKeyAlgorithm[] = [
	'ssh-ed25519',
	'ecdsa-sha2-nistp256',
	'ecdsa-sha2-nistp384',
	'ecdsa-sha2-nistp521',
	'rsa-sha2-512',
	'rsa-sha2-256',
	'ssh-rsa',
];

/** The known_hosts key type an algorithm's key has (RSA keys sign with the rsa-sha2-* algorithms too). */
function keyTypeOfAlgorithm(algorithm: ServerHostKeyAlgorithm): string {
	return algorithm.startsWith('rsa-sha2-') ? 'ssh-rsa' : algorithm;
}

/** Key types of the usable (not @revoked, not @cert-authority) known_hosts entries for a host token. */
export function knownKeyTypes(entries: readonly KnownHostEntry[], token: string): string[] {
	return [...new Set(entriesFor(entries, token).map(entry => entry.keyType))];
}

/**
 * The HostKeyAlgorithms proposal OpenSSH would make: the algorithms for key types known_hosts already
 * holds for the host first (in the default order), then the rest of the defaults; so a host known only by
 * its RSA key presents that key rather than an unchecked ed25519 one. Undefined (keep ssh2's default)
 * when no supported key type is known.
 */
export function hostKeyAlgorithmsFor(keyTypes: readonly string[]): ServerHostKeyAlgorithm[] | undefined {
	const known = new Set(keyTypes);
	const preferred = defaultServerHostKey.filter(algorithm => known.has(keyTypeOfAlgorithm(algorithm)));
	if (preferred.length === 0) {
		return undefined;
	}

	return [...preferred, ...defaultServerHostKey.filter(algorithm => !preferred.includes(algorithm))];
}

/** hostKeyAlgorithmsFor the host token's entries in these files; unreadable files keep the default (the verifier reports them). */
export function hostKeyProposal(files: readonly string[], token: string): ServerHostKeyAlgorithm[] | undefined {
	try {
		return hostKeyAlgorithmsFor(knownKeyTypes(readKnownHosts(files), token));
	} catch {
		return undefined;
	}
}
