import {writeFileSync} from 'node:fs';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Executor, InputChannel, OutputChunk, PromptResponder} from '../../../source/executors/executor.js';
import {pidsMatching, sshdExecutor, startSshd} from '../../helpers/sshd.js';
import type {Sshd} from '../../helpers/sshd.js';
import {waitFor} from '../../helpers/wait-for.js';

describe('SSH executor: running commands on a real sshd', () => {
	let sshd: Sshd;
	let executor: Executor;

	beforeAll(async () => {
		sshd = await startSshd();
		executor = sshdExecutor(sshd);
	});

	afterAll(async () => {
		await executor?.dispose();
		await sshd?.stop();
	});

	it('reports exit codes, stdout and stderr without the pid marker', async () => {
		const result = await executor.run('id -un; echo oops >&2; exit 3');
		expect(result).toEqual({exitCode: 3, signal: null, stdout: 'root\n', stderr: 'oops\n', outcome: 'completed'});
		expect((await executor.run('true')).exitCode).toBe(0);
	});

	it('reports a signal that killed the command', async () => {
		const result = await executor.run('kill -USR1 $$');
		expect(result.outcome).toBe('completed');
		expect(result.exitCode).toBeNull();
		expect(result.signal).toBe('SIGUSR1');
	});

	it('streams output while the command still runs', async () => {
		const chunks: OutputChunk[] = [];
		const gate = `${sshd.dir}/go-on`;
		let finished = false;
		const running = executor.run(`echo first; while [ ! -e ${gate} ]; do sleep 0.02; done; echo second`, {onOutput: chunk => chunks.push(chunk)})
			.finally(() => {
				finished = true;
			});
		await waitFor(() => chunks.some(chunk => chunk.text.includes('first')), 'the first line');
		expect(finished).toBe(false);
		expect(chunks.map(chunk => chunk.text).join('')).toBe('first\n');
		writeFileSync(gate, '');
		const result = await running;
		expect(result.stdout).toBe('first\nsecond\n');
		expect(chunks.every(chunk => chunk.stream === 'stdout')).toBe(true);
	});

	it('writes stdin and closes it', async () => {
		const result = await executor.run('cat; echo end', {stdin: 'line one\nline two\n'});
		expect(result.stdout).toBe('line one\nline two\nend\n');
	});

	it('allocates a pty when asked: stderr merged, CRLF normalised', async () => {
		const result = await executor.run('tty; echo to-stderr >&2', {pty: true});
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toMatch(/^\/dev\/pts\/\d+\nto-stderr\n$/);
		expect(result.stderr).toBe('');
	});

	it('keeps stdin open for a prompt responder: a getpass prompt on a pty is answered', async () => {
		let seen = '';
		let answered = false;
		const prompts: PromptResponder = {
			start(channel) {
				this.channel = channel;
			},
			onOutput(chunk) {
				seen += chunk.text;
				if (!answered && seen.endsWith('Password: ')) {
					answered = true;
					this.channel?.write('s3cret\n');
				}
			},
			stop() {
				this.channel = undefined;
			},
		} as PromptResponder & {channel?: InputChannel};
		const result = await executor.run('python3 -c \'import getpass; print("got=" + getpass.getpass("Password: "))\'', {pty: true, prompts});
		expect(result).toMatchObject({exitCode: 0, outcome: 'completed'});
		expect(result.stdout).toBe('Password: \ngot=s3cret\n');
	});

	it('abort kills the remote process group, not just the channel', async () => {
		const marker = `snf-abort-${process.pid}-${Date.now()}`;
		const controller = new AbortController();
		const started: string[] = [];
		const running = executor.run(`sh -c 'echo started; sleep 60; echo ${marker}' & wait`, {signal: controller.signal, onOutput: chunk => started.push(chunk.text)});
		await waitFor(() => started.join('').includes('started'), 'the command to start');
		expect(pidsMatching(marker).length).toBeGreaterThan(0);
		controller.abort('admin pressed q');
		const result = await running;
		expect(result.outcome).toBe('aborted');
		expect(result.failure).toBe('admin pressed q');
		expect(pidsMatching(marker)).toEqual([]);
	});

	it('timeout kills the remote process with outcome timeout', async () => {
		const marker = `snf-timeout-${process.pid}-${Date.now()}`;
		const result = await executor.run(`sh -c 'sleep 60; echo ${marker}'`, {timeoutMs: 300});
		expect(result.outcome).toBe('timeout');
		expect(result.failure).toBe('timed out after 0.3 s');
		expect(pidsMatching(marker)).toEqual([]);
	});

	it('an already aborted signal never starts the command', async () => {
		const controller = new AbortController();
		controller.abort();
		const result = await executor.run(`touch ${sshd.dir}/must-not-exist`, {signal: controller.signal});
		expect(result.outcome).toBe('aborted');
		const after = await executor.run(`test -e ${sshd.dir}/must-not-exist`);
		expect(after).toMatchObject({exitCode: 1});
	});
});
