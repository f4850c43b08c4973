import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import ssh2 from 'ssh2';
import type {AnyAuthMethod, AuthHandlerMiddleware, NextAuthHandler} from 'ssh2';
import type {SshEndpoint} from './ssh-config.js';

/** Asks the admin for the passphrase of an encrypted private key. */
export type AskPassphrase = (keyPath: string) => Promise<string>;

export interface AuthSettings {
	/** ssh-agent socket (SSH_AUTH_SOCK); undefined: no agent. */
	readonly agentSocket: string | undefined;
	readonly homeDir: string;
	readonly askPassphrase: AskPassphrase | undefined;
}

/** What authentication tried, for the error message when every method failed. */
export interface AuthReport {
	readonly tried: string[];
	/** Keys that could not be used (encrypted without a way to ask, wrong passphrase, unreadable). */
	readonly problems: string[];
}

const defaultKeyNames = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** The identity files OpenSSH would try: IdentityFile from the config, else the default ones that exist. */
export function identityFilesFor(endpoint: SshEndpoint, homeDir: string): string[] {
	const configured = endpoint.identityFiles;
	const candidates = configured.length > 0 ? configured : defaultKeyNames.map(name => join(homeDir, '.ssh', name));
	return candidates.filter(file => existsSync(file));
}

function isEncryptedKeyError(error: Error): boolean {
	return /encrypted|passphrase|decrypt/i.test(error.message);
}

async function keyAuthFor(file: string, username: string, settings: AuthSettings, report: AuthReport): Promise<AnyAuthMethod | undefined> {
	let data: Buffer;
	try {
		data = readFileSync(file);
	} catch (error) {
		report.problems.push(`${file}: ${(error as Error).message}`);
		return undefined;
	}

	const parsed = ssh2.utils.parseKey(data);
	if (!(parsed instanceof Error)) {
		return {type: 'publickey', username, key: data};
	}

	if (!isEncryptedKeyError(parsed)) {
		report.problems.push(`${file}: ${parsed.message}`);
		return undefined;
	}

	if (settings.askPassphrase === undefined) {
		report.problems.push(`${file} is encrypted and no passphrase can be asked here (add the key to ssh-agent with ssh-add, or run interactively)`);
		return undefined;
	}

	for (let attempt = 0; attempt < 3; attempt++) {
		const passphrase = await settings.askPassphrase(file);
		if (!(ssh2.utils.parseKey(data, passphrase) instanceof Error)) {
			return {type: 'publickey', username, key: data, passphrase};
		}
	}

	report.problems.push(`${file}: wrong passphrase (3 attempts)`);
	return undefined;
}

/**
 * The order OpenSSH uses: the agent's keys first, then each identity file (asking for a passphrase
 * only when that key's turn comes).
 */
export function createAuthHandler(endpoint: SshEndpoint, settings: AuthSettings): {handler: AuthHandlerMiddleware; report: AuthReport} {
	const report: AuthReport = {tried: [], problems: []};
	const steps: Array<() => Promise<AnyAuthMethod | undefined>> = [];
	const username = endpoint.user;
	if (settings.agentSocket !== undefined && settings.agentSocket !== '' && !endpoint.identitiesOnly) {
		const agent = settings.agentSocket;
		steps.push(async () => {
			report.tried.push(`ssh-agent (${agent})`);
			return {type: 'agent', username, agent};
		});
	}

	for (const file of identityFilesFor(endpoint, settings.homeDir)) {
		steps.push(async () => {
			report.tried.push(file);
			return keyAuthFor(file, username, settings, report);
		});
	}

	const handler: AuthHandlerMiddleware = (_left, _partial, next: NextAuthHandler) => {
		const advance = async (): Promise<void> => {
			const step = steps.shift();
			if (step === undefined) {
				(next as unknown as (method: false) => void)(false);
				return;
			}

			const method = await step();
			if (method === undefined) {
				await advance();
				return;
			}

			next(method);
		};

		void advance().catch((error: unknown) => {
			report.problems.push((error as Error).message);
			(next as unknown as (method: false) => void)(false);
		});
	};

	return {handler, report};
}
