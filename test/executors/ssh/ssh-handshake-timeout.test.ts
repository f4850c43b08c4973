import {spawn} from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {repo} from '../../helpers/build.js';
import {silentServer as startSilentServer, type SilentServer} from '../../helpers/silent-server.js';
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

/** The start of a program: `executor`, the built SSH executor for the host at `port`, with this connect timeout. */
const executorOn = (port: number, connectTimeoutMs: number) => `
const dist = ${JSON.stringify(path.join(repo, 'dist'))};
const {createSshExecutor} = await import(dist + '/executors/ssh/create-ssh-executor.js');
const {parseInventory} = await import(dist + '/domain/inventory/parse-inventory.js');
const {inventoryHosts} = await import(dist + '/runner/inventory-hosts.js');
const [host] = inventoryHosts(parseInventory({astakos: 'snf@127.0.0.1:${port}', cyclades: 'local', pithos: 'local', ganeti: [{name: 'g', master: 'local'}]}, 'test')).filter(h => h.target.kind === 'ssh');
const executor = createSshExecutor(host, {agentSocket: null, connectTimeoutMs: ${connectTimeoutMs}});
`;

/** A program that runs one command over the built SSH executor on `port`, prints the error, and disposes the executor. */
const program = (port: number) => `${executorOn(port, 500)}
await executor.run('true').catch(error => console.log(error.message));
await executor.dispose();
`;

/**
 * As `program`, with a connect timeout far beyond the test's waits: once the parent writes a line (the server has the
 * connection), the executor is disposed while its connect is pending; the run's error and "disposed" are printed.
 */
const disposingProgram = (port: number) => `${executorOn(port, 600_000)}
const running = executor.run('true').then(result => console.log('ran: ' + result.outcome), error => console.log('run: ' + error.message));
process.stdin.once('data', async () => {
	await executor.dispose();
	console.log('disposed');
});
await running;
`;

/** A silent server (test/helpers/silent-server.ts), closed after the test. */
async function silentServer(): Promise<SilentServer> {
	const server = await startSilentServer();
	cleanups.push(() => server.close());
	return server;
}

/** A program run by node, its output gathered and its exit code kept; killed after the test. */
function started(code: string) {
	const child = spawn(process.execPath, ['--input-type=module', '-e', code], {stdio: ['pipe', 'pipe', 'inherit']});
	const seen = {output: '', exit: undefined as number | null | undefined};
	child.stdout.on('data', (chunk: Buffer) => (seen.output += chunk.toString()));
	child.on('exit', code => (seen.exit = code));
	cleanups.push(() => child.kill('SIGKILL'));
	return {
		get output() {
			return seen.output;
		},
		get exit() {
			return seen.exit;
		},
		/** Writes the line on which disposingProgram disposes its executor. */
		askToDispose: () => child.stdin.end('dispose\n'),
	};
}

describe('an SSH host that accepts the connection and never answers (a hung sshd, a middlebox)', () => {
	it('the handshake times out and the process that tried exits by itself: no socket is left open (the wizard and run --yes end)', async () => {
		const {port, accepted} = await silentServer();
		const child = started(program(port));
		await waitFor(() => child.output.includes('timed out'), 'the handshake to time out', 20_000);
		expect(accepted).toHaveLength(1);
		await waitFor(() => child.exit !== undefined, () => `the process to exit once the executor is disposed (output: ${child.output})`, 20_000);
		expect(child.exit).toBe(0);
	}, 60_000);

	it('disposing the executor gives up its pending connect: the run fails at once, dispose returns and the process exits (no socket left open) (the wizard\'s quit does not wait for the connect timeout)', async () => {
		const {port, accepted} = await silentServer();
		const child = started(disposingProgram(port));
		await waitFor(() => accepted.length === 1, 'the server to accept the connection', 20_000);
		child.askToDispose();
		// The connect timeout is 10 minutes: only giving the connect up ends the run, dispose and the process this soon.
		await waitFor(() => child.exit !== undefined, () => `the process to exit once the executor is disposed (output: ${child.output})`, 30_000);
		expect(child.exit).toBe(0);
		expect(child.output).toMatch(/^run: SSH connection to snf@127\.0\.0\.1:\d+ failed: .*given up/m);
		expect(child.output).toContain('disposed\n');
		expect(child.output).not.toContain('ran:');
	}, 60_000);
});
