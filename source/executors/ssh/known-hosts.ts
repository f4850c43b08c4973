import {createHash, createHmac} from 'node:crypto';
import {appendFileSync, existsSync, mkdirSync, readFileSync} from 'node:fs';
import {dirname} from 'node:path';

/** One usable line of a known_hosts file. */
export interface KnownHostEntry {
	readonly file: string;
	/** 1-based line number, for `file:line` in messages. */
	readonly line: number;
	readonly marker: '@revoked' | '@cert-authority' | undefined;
	/** The host field as written: patterns, a comma list or a hashed `|1|salt|hash`. */
	readonly hosts: string;
	readonly keyType: string;
	/** The SSH wire-format public key blob. */
	readonly key: Buffer;
}

export type HostKeyVerdict =
	| {readonly kind: 'ok'; readonly entry: KnownHostEntry}
	| {readonly kind: 'revoked'; readonly entry: KnownHostEntry}
	| {readonly kind: 'mismatch'; readonly entries: readonly KnownHostEntry[]}
	| {readonly kind: 'unknown'};

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function hostToken(host: string, port: number): string {
	return port === 22 ? host : `[${host}]:${port}`;
}

/** The name a host's keys are looked up and recorded under: its HostKeyAlias as written (no port), else hostToken(). */
export const hostKeyName = (endpoint: {readonly hostName: string; readonly port: number; readonly hostKeyAlias?: string}): string =>
	endpoint.hostKeyAlias ?? hostToken(endpoint.hostName, endpoint.port);

/** OpenSSH's fingerprint format: `SHA256:` + unpadded base64 of the key blob's SHA-256. */
export function sha256Fingerprint(key: Buffer): string {
	return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH wire-format key blob (`ssh-ed25519`, `ecdsa-sha2-nistp256`, …). */
export function keyTypeOf(key: Buffer): string {
	if (key.length < 4) {
		return 'unknown';
	}

	const length = key.readUInt32BE(0);
	return key.subarray(4, 4 + length).toString('latin1');
}

function globToRegExp(pattern: string): RegExp {
	const escaped = pattern.replaceAll(/[.+^${}()|[\]\\]/g, String.raw`\$&`).replaceAll('*', '.*').replaceAll('?', '.');
	return new RegExp(`^${escaped}$`, 'i');
}

/** 1 when the host field matches the token, -1 for a negated match (`!pattern`), 0 otherwise. */
export function matchHostField(field: string, token: string): 1 | 0 | -1 {
	if (field.startsWith('|1|')) {
		const [, , salt = '', hash = ''] = field.split('|');
		const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(token).digest();
		return digest.equals(Buffer.from(hash, 'base64')) ? 1 : 0;
	}

	let result: 1 | 0 = 0;
	for (const pattern of field.split(',')) {
		const negated = pattern.startsWith('!');
		if (globToRegExp(negated ? pattern.slice(1) : pattern).test(token)) {
			if (negated) {
				return -1;
			}

			result = 1;
		}
	}

	return result;
}

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
	const entries: KnownHostEntry[] = [];
	for (const [index, raw] of text.split('\n').entries()) {
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) {
			continue;
		}

		const parts = line.split(/\s+/);
		let marker: KnownHostEntry['marker'];
		if (parts[0] === '@revoked' || parts[0] === '@cert-authority') {
			marker = parts.shift() as KnownHostEntry['marker'];
		} else if (parts[0]?.startsWith('@')) {
			continue;
		}

		const [hosts, keyType, base64] = parts;
		if (hosts === undefined || keyType === undefined || base64 === undefined) {
			continue;
		}

		entries.push({file, line: index + 1, marker, hosts, keyType, key: Buffer.from(base64, 'base64')});
	}

	return entries;
}

export function readKnownHosts(files: readonly string[]): KnownHostEntry[] {
	return files.flatMap(file => (existsSync(file) ? parseKnownHosts(readFileSync(file, 'utf8'), file) : []));
}

/** Checks a presented host key the way OpenSSH does (a revoked key is refused wherever it is listed). */
export function checkHostKey(entries: readonly KnownHostEntry[], token: string, key: Buffer): HostKeyVerdict {
	const revoked = entries.find(entry => entry.marker === '@revoked' && entry.key.equals(key));
	if (revoked) {
		return {kind: 'revoked', entry: revoked};
	}

	const matching = entries.filter(entry => entry.marker === undefined && matchHostField(entry.hosts, token) === 1);
	const ok = matching.find(entry => entry.key.equals(key));
	if (ok) {
		return {kind: 'ok', entry: ok};
	}

	return matching.length > 0 ? {kind: 'mismatch', entries: matching} : {kind: 'unknown'};
}

/**
 * Appends `token keytype base64` like OpenSSH's accept-new, unless the file already has that key for
 * the token (read again just before writing, so concurrent connections to one host add it once).
 */
export function appendKnownHost(file: string, token: string, key: Buffer): void {
	const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
	const verdict = checkHostKey(parseKnownHosts(current, file), token, key);
	if (verdict.kind === 'ok') {
		return;
	}

	mkdirSync(dirname(file), {recursive: true, mode: 0o700});
	const separator = current === '' || current.endsWith('\n') ? '' : '\n';
	appendFileSync(file, `${separator}${token} ${keyTypeOf(key)} ${key.toString('base64')}\n`, {mode: 0o600});
}
