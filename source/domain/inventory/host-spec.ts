import type {Target} from '../inventory-types.js';
import {documentError, isPlainObject, typeName} from '../answers/document-error.js';
import {printable} from '../printable.js';

/** One host as written in the inventory, before hosts shared by several roles are merged. */
export interface HostSpec {
	readonly target: Target;
	/** Identifies the machine: the same key in two roles means one Host. */
	readonly targetKey: string;
	/** "admin@host:2222" as given, "local (ROOT)" or "local". */
	readonly label: string;
	readonly name?: string;
	readonly sudo?: boolean;
}

export const hostSpecExpected = '"local", "[user@]host[:port]" or {"name", "ssh" | "local": {"root", "env"}, "sudo"}';
const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/** User and host never start with '-' (ssh would read `-Efoo@host` as an option); the user is also given as `-l USER`. */
const sshPattern = /^(?:([A-Za-z0-9._][A-Za-z0-9._-]*)@)?(\[[\da-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(?::(\d{1,5}))?$/;
const envNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The host part of a target, or "local": the default Host.id. */
export function defaultHostId(target: Target): string {
	return target.kind === 'ssh' ? target.host : 'local';
}

function parseSsh(text: string, fileName: string, path: string): HostSpec {
	const match = sshPattern.exec(text);
	const port = match?.[3] === undefined ? undefined : Number(match[3]);
	if (!match || (port !== undefined && (port < 1 || port > 65_535))) {
		throw documentError(fileName, path, `expected an SSH target "[user@]host[:port]" (port 1-65535), got ${printable(JSON.stringify(text))}`);
	}

	const user = match[1];
	const host = match[2]!.replace(/^\[(.*)\]$/, '$1');
	const target: Target = {kind: 'ssh', host, ...(user === undefined ? {} : {user}), ...(port === undefined ? {} : {port})};
	return {target, targetKey: `ssh ${user ?? ''}@${host}:${port ?? ''}`, label: text};
}

function localSpec(root: string, env: Readonly<Record<string, string>>): HostSpec {
	return {
		target: {kind: 'local', root, env},
		targetKey: `local ${root}`,
		label: root === '' ? 'local' : `local (${root})`,
	};
}

function parseLocal(raw: unknown, fileName: string, path: string): HostSpec {
	if (!isPlainObject(raw)) {
		throw documentError(fileName, path, `expected {"root": "/dir", "env": {…}}, got ${typeName(raw)}`);
	}

	for (const key of Object.keys(raw)) {
		if (key !== 'root' && key !== 'env') {
			throw documentError(fileName, `${path}.${key}`, 'unknown field (expected root, env)');
		}
	}

	const {root, env = {}} = raw;
	if (typeof root !== 'string' || (root !== '' && !root.startsWith('/'))) {
		throw documentError(fileName, `${path}.root`, `expected "" or an absolute directory, got ${typeName(root)}`);
	}

	if (!isPlainObject(env)) {
		throw documentError(fileName, `${path}.env`, `expected an object of environment variables, got ${typeName(env)}`);
	}

	for (const [name, value] of Object.entries(env)) {
		if (!envNamePattern.test(name) || typeof value !== 'string') {
			throw documentError(fileName, `${path}.env.${name}`, 'expected a variable name ([A-Za-z_][A-Za-z0-9_]*) with a text value');
		}
	}

	return localSpec(root.replace(/\/+$/, ''), env as Record<string, string>);
}

function parseObject(raw: Readonly<Record<string, unknown>>, fileName: string, path: string): HostSpec {
	for (const key of Object.keys(raw)) {
		if (!['name', 'ssh', 'local', 'sudo'].includes(key)) {
			throw documentError(fileName, `${path}.${key}`, 'unknown field (expected name, ssh, local, sudo)');
		}
	}

	const {name, ssh, local, sudo} = raw;
	if ((ssh === undefined) === (local === undefined)) {
		throw documentError(fileName, path, 'give exactly one of "ssh" and "local"');
	}

	if (name !== undefined && (typeof name !== 'string' || !namePattern.test(name))) {
		throw documentError(fileName, `${path}.name`, 'expected a short name (letters, digits, ., _ or -; at most 63)');
	}

	if (sudo !== undefined && typeof sudo !== 'boolean') {
		throw documentError(fileName, `${path}.sudo`, `expected true or false, got ${typeName(sudo)}`);
	}

	let spec: HostSpec;
	if (ssh === undefined) {
		spec = parseLocal(local, fileName, `${path}.local`);
	} else if (typeof ssh === 'string') {
		spec = parseSsh(ssh, fileName, `${path}.ssh`);
	} else {
		throw documentError(fileName, `${path}.ssh`, `expected "[user@]host[:port]", got ${typeName(ssh)}`);
	}

	return {...spec, ...(name === undefined ? {} : {name}), ...(sudo === undefined ? {} : {sudo})};
}

/** Parses one host spec: "local" | "[user@]host[:port]" | {name?, ssh? | local?, sudo?}. */
export function parseHostSpec(raw: unknown, fileName: string, path: string): HostSpec {
	if (raw === 'local') {
		return localSpec('', {});
	}

	if (typeof raw === 'string') {
		return parseSsh(raw, fileName, path);
	}

	if (isPlainObject(raw)) {
		return parseObject(raw, fileName, path);
	}

	throw documentError(fileName, path, `expected ${hostSpecExpected}, got ${typeName(raw)}`);
}
