import type {Client, ClientChannel} from 'ssh2';
import type {Host} from '../../domain/inventory-types.js';
import {OperationError} from '../../domain/errors.js';
import type {CommandResult, Executor, RunOptions} from '../executor.js';
import {wrapAsRoot} from '../sudo.js';
import type {RootMode} from '../sudo.js';
import {closeConnection, openConnection, type SshConnection} from './ssh-chain.js';
import type {ConnectionSettings} from './ssh-connection.js';
import {recordExit, runOnChannel} from './remote-command.js';
import {withPidMarker} from './remote-kill.js';

/** OpenSSH allows 10 sessions per connection; keep one free for killing a command. */
const maxChannels = 8;

const ptyWindow = {term: 'dumb', cols: 200, rows: 50} as const;

export function rootModeFor(user: string, hostSudo: boolean, sudoWithPassword: boolean): RootMode {
	if (user === 'root' || !hostSudo) {
		return 'direct';
	}

	return sudoWithPassword ? 'sudo-password' : 'sudo';
}

async function openExec(client: Client, line: string, pty: boolean): Promise<ClientChannel> {
	return new Promise<ClientChannel>((resolve, reject) => {
		try {
			client.exec(line, pty ? {pty: ptyWindow} : {}, (error, channel) => {
				if (error) {
					reject(error);
				} else {
					recordExit(channel);
					resolve(channel);
				}
			});
		} catch (error) {
			reject(error as Error);
		}
	});
}

export interface SshTargetSpec {
	readonly alias: string;
	readonly user?: string;
	readonly port?: number;
}

/** Runs commands on one host over a single reused SSH connection. */
export class SshExecutor implements Executor {
	readonly host: Host;
	readonly #target: SshTargetSpec;
	readonly #settings: ConnectionSettings;
	readonly #sudoWithPassword: boolean;
	readonly #lost = new WeakSet<Client>();
	#connection: SshConnection | undefined;
	#connecting: Promise<SshConnection> | undefined;
	#disposed = false;
	// Gives up a connect still waiting for its host when the executor is disposed (a host that never answers would hold dispose until the connect timeout).
	readonly #closing = new AbortController();
	#active = 0;
	readonly #waiting: Array<() => void> = [];

	constructor(host: Host, target: SshTargetSpec, settings: ConnectionSettings, sudoWithPassword: boolean) {
		this.host = host;
		this.#target = target;
		this.#settings = settings;
		this.#sudoWithPassword = sudoWithPassword;
	}

	async run(commandLine: string, options: RunOptions = {}): Promise<CommandResult> {
		if (options.signal?.aborted) {
			return {exitCode: null, signal: null, stdout: '', stderr: '', outcome: 'aborted', failure: 'aborted before it started'};
		}

		await this.#acquire();
		try {
			const {connection, channel, mode} = await this.#start(commandLine, options);
			const sudoPassword = options.asRoot === true && mode === 'sudo-password';
			return await runOnChannel(channel, {
				client: connection.client,
				hostLabel: this.host.label,
				wrapKill: options.asRoot && mode === 'sudo' ? line => wrapAsRoot(line, 'sudo') : line => line,
				connectionLost: () => this.#lost.has(connection.client),
			}, {...options, sudoPassword});
		} finally {
			this.#release();
		}
	}

	async dispose(): Promise<void> {
		this.#disposed = true;
		this.#closing.abort();
		const connection = this.#connection ?? await this.#connecting?.catch(() => undefined);
		this.#connection = undefined;
		if (connection === undefined || this.#lost.has(connection.client)) {
			return;
		}

		await new Promise<void>(resolve => {
			const cap = setTimeout(resolve, 2000);
			connection.client.once('close', () => {
				clearTimeout(cap);
				resolve();
			});
			closeConnection(connection);
		});
	}

	/** Opens the command's channel; reconnects once if the connection turns out to be gone before the command starts. */
	async #start(commandLine: string, options: RunOptions): Promise<{connection: SshConnection; channel: ClientChannel; mode: RootMode}> {
		const reused = this.#connection !== undefined && !this.#lost.has(this.#connection.client);
		let connection = await this.#connect();
		const lineFor = (current: SshConnection): {line: string; mode: RootMode} => {
			const mode = rootModeFor(current.endpoint.user, this.host.sudo, this.#sudoWithPassword);
			return {line: withPidMarker(options.asRoot ? wrapAsRoot(commandLine, mode) : commandLine), mode};
		};

		let {line, mode} = lineFor(connection);
		if (options.asRoot && mode === 'sudo-password' && options.prompts === undefined) {
			throw new OperationError('sudo needs a password here, and the command has no prompt broker to type it', {
				host: this.host.label,
				hint: 'run it with a prompt broker that holds the sudo password',
			});
		}

		try {
			return {connection, channel: await openExec(connection.client, line, options.pty === true), mode};
		} catch (error) {
			if (!reused || !this.#lost.has(connection.client)) {
				throw new OperationError(`Could not start a command on ${this.host.label}: ${(error as Error).message}`, {host: this.host.id});
			}
		}

		connection = await this.#connect();
		({line, mode} = lineFor(connection));
		try {
			return {connection, channel: await openExec(connection.client, line, options.pty === true), mode};
		} catch (error) {
			throw new OperationError(`Could not start a command on ${this.host.label} after reconnecting: ${(error as Error).message}`, {host: this.host.id});
		}
	}

	async #connect(): Promise<SshConnection> {
		if (this.#disposed) {
			throw new Error(`SSH executor for ${this.host.id} used after dispose()`);
		}

		if (this.#connection !== undefined && !this.#lost.has(this.#connection.client)) {
			return this.#connection;
		}

		this.#connection = undefined;
		this.#connecting ??= openConnection(this.#target.alias, this.#target, this.#settings, this.#closing.signal).then(connection => {
			const markLost = (): void => {
				this.#lost.add(connection.client);
				// The jump hosts behind a dropped connection are of no further use.
				closeConnection(connection);
			};

			connection.client.on('close', markLost);
			connection.client.on('end', markLost);
			this.#connection = connection;
			return connection;
		}, (error: unknown) => {
			if (error instanceof OperationError) {
				throw new OperationError(error.message, {...error.details, host: this.host.id});
			}

			throw error;
		}).finally(() => {
			this.#connecting = undefined;
		});
		return this.#connecting;
	}

	async #acquire(): Promise<void> {
		if (this.#active < maxChannels) {
			this.#active++;
			return;
		}

		await new Promise<void>(resolve => {
			this.#waiting.push(resolve);
		});
	}

	#release(): void {
		const next = this.#waiting.shift();
		if (next) {
			next();
		} else {
			this.#active--;
		}
	}
}
