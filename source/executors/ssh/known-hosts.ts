import {createHash} from 'node:crypto';
import {appendFileSync, existsSync, mkdirSync, readFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {compileHostField, type FieldMatcher} from './host-patterns.js';

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
	/** matchHostField of this entry's host field, compiled once. */
	readonly matches: FieldMatcher;
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

		entries.push({file, line: index + 1, marker, hosts, keyType, key: Buffer.from(base64, 'base64'), matches: compileHostField(hosts)});
	}

	return entries;
}

const readCache = new Map<string, {readonly text: string; readonly entries: readonly KnownHostEntry[]}>();

function readParsed(file: string): readonly KnownHostEntry[] {
	if (!existsSync(file)) {
		return [];
	}

	// Keyed by the content, not by mtime/size (an in-place rewrite within one clock tick keeps both): reading is cheap, parsing is not.
	const text = readFileSync(file, 'utf8');
	const cached = readCache.get(file);
	if (cached?.text === text) {
		return cached.entries;
	}

	const entries = parseKnownHosts(text, file);
	readCache.set(file, {text, entries});
	return entries;
}

const listCache = new Map<string, {readonly parts: ReadonlyArray<readonly KnownHostEntry[]>; readonly entries: readonly KnownHostEntry[]}>();

/**
 * The entries of these files, parsed once per content of the files (the same array until one of them
 * changes: connecting to 256 hosts parses a known_hosts once, not 512 times).
 */
export function readKnownHosts(files: readonly string[]): readonly KnownHostEntry[] {
	const parts = files.map(file => readParsed(file));
	const key = files.join('\0');
	const cached = listCache.get(key);
	if (cached !== undefined && cached.parts.length === parts.length && cached.parts.every((part, index) => part === parts[index])) {
		return cached.entries;
	}

	const entries = parts.flat();
	listCache.set(key, {parts, entries});
	return entries;
}

/** Entry positions by literal host name (lower case), and the entries that must be matched one by one (hashed, globs, negations). */
interface EntryIndex {
	readonly literal: Map<string, number[]>;
	readonly others: number[];
	readonly byToken: Map<string, readonly KnownHostEntry[]>;
}

const indexCache = new WeakMap<readonly KnownHostEntry[], EntryIndex>();

function indexEntries(entries: readonly KnownHostEntry[]): EntryIndex {
	const index: EntryIndex = {literal: new Map(), others: [], byToken: new Map()};
	for (const [position, entry] of entries.entries()) {
		if (entry.marker !== undefined) {
			continue;
		}

		const names = entry.hosts.split(',');
		if (entry.hosts.startsWith('|1|') || names.some(name => /[*?!]/.test(name))) {
			index.others.push(position);
			continue;
		}

		for (const name of new Set(names.map(each => each.toLowerCase()))) {
			index.literal.set(name, [...index.literal.get(name) ?? [], position]);
		}
	}

	return index;
}

/**
 * The plain (not @revoked, not @cert-authority) entries whose host field names the token, in file order;
 * worked out once per token and entry list, literal names looked up rather than matched line by line.
 */
export function entriesFor(entries: readonly KnownHostEntry[], token: string): readonly KnownHostEntry[] {
	let index = indexCache.get(entries);
	if (index === undefined) {
		index = indexEntries(entries);
		indexCache.set(entries, index);
	}

	let matching = index.byToken.get(token);
	if (matching === undefined) {
		const positions = [...index.literal.get(token.toLowerCase()) ?? [], ...index.others.filter(position => entries[position]!.matches(token) === 1)];
		matching = positions.sort((a, b) => a - b).map(position => entries[position]!);
		index.byToken.set(token, matching);
	}

	return matching;
}

/** Checks a presented host key the way OpenSSH does (a revoked key is refused wherever it is listed). */
export function checkHostKey(entries: readonly KnownHostEntry[], token: string, key: Buffer): HostKeyVerdict {
	const revoked = entries.find(entry => entry.marker === '@revoked' && entry.key.equals(key));
	if (revoked) {
		return {kind: 'revoked', entry: revoked};
	}

	const matching = entriesFor(entries, token);
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
