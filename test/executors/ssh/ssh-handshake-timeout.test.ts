import {spawn} from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import process from 'node:process';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {repo} from '../../helpers/build.js';
import {waitFor} from '../../helpers/wait-for.js';
import {ensureCliBuilt} from '../../e2e/run-helpers.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) {
		cleanup();
	}
});

beforeAll(() => {
	ensureCliBuilt();
}, 300_000);

/** A program that runs one command over the built SSH executor on `port`, prints the error, and disposes the executor. */
const program = (port: number) => `
const dist = ${JSON.stringify(path.join(repo, 'dist'))};
const {createSshExecutor} = await import(dist + '/executors/ssh/create-ssh-executor.js');
const {parseInventory} = await import(dist + '/domain/inventory/parse-inventory.js');
const {inventoryHosts} = await import(dist + '/runner/inventory-hosts.js');
const [host] = inventoryHosts(parseInventory({astakos: 'snf@127.0.0.1:${port}', cyclades: 'local', pithos: 'local', ganeti: [{name: 'g', master: 'local'}]}, 'test')).filter(h => h.target.kind === 'ssh');
const executor = createSshExecutor(host, {agentSocket: null, connectTimeoutMs: 500});
await executor.run('true').catch(error => console.log(error.message));
await executor.dispose();
`;

describe('an SSH host that accepts the connection and never answers (a hung sshd, a middlebox)', () => {
	it('the handshake times out and the process that tried exits by itself: no socket is left open (the wizard and run --yes end)', async () => {
		// A real TCP server that accepts and says nothing, and never closes its side.
		const accepted: net.Socket[] = [];
		const server = net.createServer(socket => {
			accepted.push(socket);
			socket.on('error', () => {});
		});
		await new Promise<void>(resolve => {
			server.listen(0, '127.0.0.1', resolve);
		});
		const child = spawn(process.execPath, ['--input-type=module', '-e', program((server.address() as net.AddressInfo).port)], {stdio: ['ignore', 'pipe', 'inherit']});
		let output = '';
		let exit: number | null | undefined;
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('exit', code => (exit = code));
		cleanups.push(() => {
			child.kill('SIGKILL');
			for (const socket of accepted) {
				socket.destroy();
			}

			server.close();
		});
		await waitFor(() => output.includes('timed out'), 'the handshake to time out', 20_000);
		expect(accepted).toHaveLength(1);
		await waitFor(() => exit !== undefined, () => `the process to exit once the executor is disposed (output: ${output})`, 20_000);
		expect(exit).toBe(0);
	}, 60_000);
});
