import {spawn} from 'node:child_process';
import {Duplex} from 'node:stream';
import {OperationError} from '../../domain/errors.js';
import type {SshEndpoint} from './ssh-config.js';

/** The running ProxyCommand: its stdio as the connection's socket, and a way to stop it. */
export interface ProxySocket {
	readonly sock: Duplex;
	/** The last lines the command wrote on stderr, for a failure message, once its stderr ended (1 s at most). */
	readonly stderrTail: () => Promise<string>;
	readonly stop: () => void;
}

/** Starts the endpoint's ProxyCommand as OpenSSH does (`exec COMMAND` through sh -c) and wraps its stdio. */
export function startProxyCommand(endpoint: SshEndpoint & {readonly proxyCommand: string}): ProxySocket {
	const child = spawn('/bin/sh', ['-c', `exec ${endpoint.proxyCommand}`], {stdio: ['pipe', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr = `${stderr}${chunk.toString()}`.slice(-2000);
	});
	// The connection can fail (its stdout closed) before the stderr written just before it has been read.
	const stderrEnded = new Promise<void>(resolve => {
		child.stderr.once('close', resolve);
	});
	const sock = Duplex.from({readable: child.stdout, writable: child.stdin});
	child.on('error', error => {
		sock.destroy(new OperationError(`ProxyCommand for ${endpoint.alias} could not start: ${error.message}`, {host: endpoint.alias}));
	});
	// An EPIPE or a closed pipe once the command is gone ends the connection; ssh2 reports it.
	sock.on('error', () => undefined);
	return {
		sock,
		async stderrTail() {
			let timer: NodeJS.Timeout | undefined;
			await Promise.race([stderrEnded, new Promise<void>(resolve => {
				timer = setTimeout(resolve, 1000);
			})]);
			clearTimeout(timer);
			return stderr.trim().split('\n').slice(-3).join(' / ');
		},
		stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
			}
		},
	};
}
