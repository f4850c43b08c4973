import type {Duplex} from 'node:stream';
import type {Client} from 'ssh2';
import {InputError, OperationError} from '../../domain/errors.js';
import {resolveEndpoint, parseJumpSpec} from './ssh-config.js';
import type {SshEndpoint} from './ssh-config.js';
import {connectEndpoint, type ConnectionSettings} from './ssh-connection.js';
import {startProxyCommand} from './proxy-command.js';

/** An open connection: the client for the target and the jump hosts behind it (outermost first). */
export interface SshConnection {
	readonly endpoint: SshEndpoint;
	readonly client: Client;
	readonly jumps: readonly Client[];
}

const maxJumpDepth = 8;

async function forwardTo(via: Client, endpoint: SshEndpoint): Promise<Duplex> {
	return new Promise<Duplex>((resolve, reject) => {
		via.forwardOut('127.0.0.1', 0, endpoint.hostName, endpoint.port, (error, stream) => {
			if (error) {
				reject(new OperationError(`ProxyJump could not reach ${endpoint.hostName}:${endpoint.port}: ${error.message}`, {host: endpoint.alias}));
				return;
			}

			resolve(stream);
		});
	});
}

/** One hop over the stdio of its ProxyCommand; the command is stopped when the connection closes or fails. */
async function connectThroughProxyCommand(endpoint: SshEndpoint & {readonly proxyCommand: string}, settings: ConnectionSettings, signal?: AbortSignal): Promise<Client> {
	const proxy = startProxyCommand(endpoint);
	try {
		const client = await connectEndpoint(endpoint, settings, proxy.sock, signal);
		client.on('close', proxy.stop);
		return client;
	} catch (error) {
		// What it says on its way out, before it is stopped (a second at most).
		const tail = await proxy.stderrTail();
		proxy.stop();
		if (error instanceof OperationError && tail !== '') {
			throw new OperationError(`${error.message} (ProxyCommand said: ${tail})`, error.details);
		}

		throw error;
	}
}

async function openChain(alias: string, explicit: {readonly user?: string; readonly port?: number}, settings: ConnectionSettings, depth: number, signal?: AbortSignal): Promise<SshConnection> {
	if (depth > maxJumpDepth) {
		throw new InputError(`ProxyJump chain for ${alias} is longer than ${maxJumpDepth} hops (a loop in ~/.ssh/config?).`, `Check ProxyJump in ${settings.config.path}.`);
	}

	const endpoint = resolveEndpoint(alias, explicit, settings.config);
	if (endpoint.proxyCommand !== undefined) {
		return {endpoint, client: await connectThroughProxyCommand({...endpoint, proxyCommand: endpoint.proxyCommand}, settings, signal), jumps: []};
	}

	if (endpoint.proxyJump.length === 0) {
		return {endpoint, client: await connectEndpoint(endpoint, settings, undefined, signal), jumps: []};
	}

	const [firstHop, ...laterHops] = endpoint.proxyJump.map(spec => parseJumpSpec(spec));
	const outer = await openChain(firstHop!.host, firstHop!, settings, depth + 1, signal);
	const jumps = [...outer.jumps, outer.client];
	try {
		let via = outer.client;
		for (const hop of laterHops) {
			const hopEndpoint = resolveEndpoint(hop.host, hop, settings.config);
			via = await connectEndpoint(hopEndpoint, settings, await forwardTo(via, hopEndpoint), signal);
			jumps.push(via);
		}

		return {endpoint, client: await connectEndpoint(endpoint, settings, await forwardTo(via, endpoint), signal), jumps};
	} catch (error) {
		for (const jump of jumps.reverse()) {
			jump.end();
		}

		throw error;
	}
}

/** Connects to a host as OpenSSH would: config resolved, ProxyJump followed, host keys checked; `signal` gives it up. */
export async function openConnection(alias: string, explicit: {readonly user?: string; readonly port?: number}, settings: ConnectionSettings, signal?: AbortSignal): Promise<SshConnection> {
	return openChain(alias, explicit, settings, 0, signal);
}

export function closeConnection(connection: SshConnection): void {
	connection.client.end();
	for (const jump of [...connection.jumps].reverse()) {
		jump.end();
	}
}
