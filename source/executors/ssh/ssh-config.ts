import {existsSync, readFileSync} from 'node:fs';
import {userInfo} from 'node:os';
import {join} from 'node:path';
import SSHConfig from 'ssh-config';
import {InputError} from '../../domain/errors.js';
import {expandProxyCommand, refuseUnsupportedDirectives} from './ssh-config-directives.js';

/** Where and how to connect to one host, after ~/.ssh/config. */
export interface SshEndpoint {
	/** The name the admin gave (alias or host name). */
	readonly alias: string;
	/** The real host name or address to connect to. */
	readonly hostName: string;
	readonly port: number;
	readonly user: string;
	/** IdentityFile entries, paths expanded (may not exist). */
	readonly identityFiles: readonly string[];
	readonly identitiesOnly: boolean;
	/** ProxyJump hops, outermost first (`[user@]host[:port]`); empty for a direct connection. */
	readonly proxyJump: readonly string[];
	/** UserKnownHostsFile entries, paths expanded; empty when the config does not set it. */
	readonly userKnownHostsFiles: readonly string[];
	/** ProxyCommand with its % tokens expanded, run by `sh -c`; its stdin/stdout is the connection. */
	readonly proxyCommand?: string;
	/** HostKeyAlias: the name host keys are looked up and recorded under, instead of [host]:port. */
	readonly hostKeyAlias?: string;
}

export interface SshConfigSource {
	/** Path of the ssh config file (default ~/.ssh/config); a missing file means no config. */
	readonly path: string;
	/** Home directory for `~` and `%d` (default: the current user's). */
	readonly homeDir: string;
}

const configCache = new Map<string, {readonly mtimeText: string; readonly config: SSHConfig}>();

function loadConfig(path: string): {readonly text: string; readonly config: SSHConfig} | undefined {
	if (!existsSync(path)) {
		return undefined;
	}

	const text = readFileSync(path, 'utf8');
	const cached = configCache.get(path);
	if (cached?.mtimeText === text) {
		return {text, config: cached.config};
	}

	const config = SSHConfig.parse(text);
	configCache.set(path, {mtimeText: text, config});
	return {text, config};
}

function first(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

function all(value: string | string[] | undefined): string[] {
	if (value === undefined) {
		return [];
	}

	return Array.isArray(value) ? value : [value];
}

interface Tokens {
	readonly homeDir: string;
	readonly hostName: string;
	readonly alias: string;
	readonly port: number;
	readonly user: string;
}

/** Expands `~` and the common `%` tokens of ssh_config(5). */
export function expandPath(value: string, tokens: Tokens): string {
	const expanded = value.replaceAll(/%([%dhnpru])/g, (_match, token: string) => {
		switch (token) {
			case 'd': {
				return tokens.homeDir;
			}

			case 'h': {
				return tokens.hostName;
			}

			case 'n': {
				return tokens.alias;
			}

			case 'p': {
				return String(tokens.port);
			}

			case 'r': {
				return tokens.user;
			}

			case 'u': {
				return userInfo().username;
			}

			default: {
				return '%';
			}
		}
	});
	return expanded === '~' || expanded.startsWith('~/') ? join(tokens.homeDir, expanded.slice(1)) : expanded;
}

/** A `[user@]host[:port]` ProxyJump hop, split. */
export function parseJumpSpec(spec: string): {readonly user?: string; readonly host: string; readonly port?: number} {
	const at = spec.lastIndexOf('@');
	const user = at === -1 ? undefined : spec.slice(0, at);
	let rest = at === -1 ? spec : spec.slice(at + 1);
	let port: number | undefined;
	const bracketed = /^\[(.+)\]:(\d+)$/.exec(rest);
	const plain = /^([^:]+):(\d+)$/.exec(rest);
	if (bracketed?.[1] && bracketed[2]) {
		rest = bracketed[1];
		port = Number(bracketed[2]);
	} else if (plain?.[1] && plain[2]) {
		rest = plain[1];
		port = Number(plain[2]);
	}

	return {...(user === undefined ? {} : {user}), host: rest, ...(port === undefined ? {} : {port})};
}

/**
 * Resolves a host through the ssh config like OpenSSH: explicit user/port win over the config,
 * the config wins over the defaults (current user, port 22).
 */
export function resolveEndpoint(
	alias: string,
	explicit: {readonly user?: string; readonly port?: number},
	source: SshConfigSource,
): SshEndpoint {
	const loaded = loadConfig(source.path);
	const computed = loaded?.config.compute(alias, {ignoreCase: true, matchExec: false}) ?? {};
	refuseUnsupportedDirectives(alias, computed, loaded?.text ?? '', source.path);
	const hostNameRaw = first(computed['hostname']) ?? alias;
	const hostName = hostNameRaw.replaceAll('%h', alias).replaceAll('%%', '%');
	const portText = first(computed['port']);
	const port = explicit.port ?? (portText === undefined ? 22 : Number(portText));
	if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
		throw new InputError(`Bad port for SSH host ${alias}: ${portText ?? String(explicit.port)}`, `Fix the Port for ${alias} in ${source.path} or the inventory.`);
	}

	const user = explicit.user ?? first(computed['user']) ?? userInfo().username;
	const tokens: Tokens = {homeDir: source.homeDir, hostName, alias, port, user};
	const jump = first(computed['proxyjump']);
	const proxyCommand = first(computed['proxycommand']);
	const hostKeyAlias = first(computed['hostkeyalias']);
	return {
		alias,
		hostName,
		port,
		user,
		identityFiles: all(computed['identityfile']).map(file => expandPath(file, tokens)),
		identitiesOnly: first(computed['identitiesonly'])?.toLowerCase() === 'yes',
		proxyJump: jump === undefined || jump.toLowerCase() === 'none' ? [] : jump.split(',').map(hop => hop.trim()).filter(hop => hop !== ''),
		userKnownHostsFiles: all(computed['userknownhostsfile']).flatMap(value => value.split(/\s+/)).filter(file => file !== '').map(file => expandPath(file, tokens)),
		...(proxyCommand === undefined || proxyCommand.toLowerCase() === 'none' ? {} : {proxyCommand: expandProxyCommand(proxyCommand, tokens, source.path)}),
		...(hostKeyAlias === undefined ? {} : {hostKeyAlias}),
	};
}
