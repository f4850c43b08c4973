import {chmod, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Host} from '../../source/domain/inventory-types.js';
import {OperationError} from '../../source/domain/errors.js';
import type {InputChannel, OutputChunk} from '../../source/executors/executor.js';
import {createLocalExecutor, localRootMode} from '../../source/executors/local-executor.js';
import {waitFor} from '../helpers/wait-for.js';

const host: Host = {id: 'local', label: 'local', sudo: false, target: {kind: 'local', root: '', env: {}}};

async function isGone(pid: number): Promise<boolean> {
	try {
		const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
		// Field 3 is the state; a zombie has died and only waits to be reaped.
		return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
	} catch {
		return true;
	}
}

describe('local executor', () => {
	const executor = createLocalExecutor(host);
	let dir: string;

	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'snf-local-exec-'));
	});

	afterAll(async () => {
		await rm(dir, {recursive: true, force: true});
	});

	it('returns exit codes and both streams', async () => {
		const result = await executor.run('echo out; echo err >&2; exit 7');
		expect(result).toMatchObject({exitCode: 7, signal: null, stdout: 'out\n', stderr: 'err\n', outcome: 'completed'});
		expect(result.failure).toBeUndefined();
	});

	it('streams output chunks as they come, in order per stream', async () => {
		const chunks: OutputChunk[] = [];
		let sawFirstBeforeExit = false;
		let channel: InputChannel | undefined;
		const result = await executor.run('echo first; read _ignored; echo second >&2', {
			onOutput(chunk) {
				chunks.push(chunk);
			},
			prompts: {
				start(input) {
					// Keeps stdin open: "second" can only come after we saw "first" and typed a line.
					channel = input;
				},
				onOutput(chunk) {
					if (chunk.text.includes('first')) {
						sawFirstBeforeExit = true;
						channel?.write('\n');
					}
				},
				stop() {
					// Nothing to release.
				},
			},
		});
		expect(result.exitCode).toBe(0);
		expect(sawFirstBeforeExit).toBe(true);
		expect(chunks.map(chunk => `${chunk.stream}:${chunk.text}`).join('')).toBe('stdout:first\nstderr:second\n');
	});

	it('passes stdin byte-identical and closes it', async () => {
		const input = 'line one\n$(not run) `nor this` \'quoted\' "double"\nünïcødé ✓\nno newline at end';
		const result = await executor.run('cat', {stdin: input});
		expect(result.stdout).toBe(input);
	});

	it('with a prompt responder too, given stdin is closed after it (cat ends)', async () => {
		const result = await executor.run('cat; echo "<end>"', {
			stdin: 'content\n',
			prompts: {
				start() {
					// A responder that never types.
				},
				onOutput() {
					// Sees the output only.
				},
				stop() {
					// Nothing to release.
				},
			},
			timeoutMs: 10_000,
		});
		expect(result).toMatchObject({outcome: 'completed', stdout: 'content\n<end>\n'});
	});

	it('honours the target environment, PATH first', async () => {
		const shims = path.join(dir, 'shims');
		await mkdir(shims, {recursive: true});
		await writeFile(path.join(shims, 'snf-manage'), '#!/bin/sh\necho "shim snf-manage $*"\n');
		await chmod(path.join(shims, 'snf-manage'), 0o755);
		const sandboxed = createLocalExecutor({
			...host,
			target: {kind: 'local', root: dir, env: {PATH: `${shims}:${process.env.PATH ?? ''}`, SNF_SANDBOX: dir}},
		});
		const result = await sandboxed.run('snf-manage component-list; echo "sandbox=$SNF_SANDBOX"');
		expect(result.stdout).toBe(`shim snf-manage component-list\nsandbox=${dir}\n`);
	});

	it('reports a signal that killed the command', async () => {
		const result = await executor.run('kill -TERM $$');
		expect(result).toMatchObject({exitCode: null, signal: 'SIGTERM', outcome: 'completed'});
	});

	it('abort kills the whole process group, children included', async () => {
		const controller = new AbortController();
		let sleeper: number | undefined;
		const running = executor.run("sh -c 'sleep 100 & echo $!; wait'; echo never", {
			signal: controller.signal,
			onOutput(chunk) {
				sleeper ??= Number.parseInt(chunk.text, 10);
				controller.abort(new Error('stopped by the admin'));
			},
		});
		const result = await running;
		expect(result.outcome).toBe('aborted');
		expect(result.failure).toBe('stopped by the admin');
		expect(result.stdout).not.toContain('never');
		expect(sleeper).toBeGreaterThan(0);
		await waitFor(async () => isGone(sleeper!), `sleep ${sleeper} to die`);
	});

	it('abort with a pty kills the command behind script(1) too', async () => {
		const controller = new AbortController();
		let sleeper: number | undefined;
		const result = await executor.run("sh -c 'sleep 100 & echo $!; wait'", {
			pty: true,
			signal: controller.signal,
			onOutput(chunk) {
				sleeper ??= Number.parseInt(chunk.text, 10);
				controller.abort();
			},
		});
		expect(result).toMatchObject({outcome: 'aborted', failure: 'aborted'});
		expect(sleeper).toBeGreaterThan(0);
		await waitFor(async () => isGone(sleeper!), `sleep ${sleeper} to die`);
	});

	it('an already aborted signal runs nothing', async () => {
		const marker = path.join(dir, 'not-created');
		const result = await executor.run(`touch ${marker}`, {signal: AbortSignal.abort()});
		expect(result.outcome).toBe('aborted');
		await expect(readFile(marker)).rejects.toThrow();
	});

	it('times out: outcome timeout, the command killed', async () => {
		const result = await executor.run("echo started; sleep 100; echo never", {timeoutMs: 300});
		expect(result).toMatchObject({outcome: 'timeout', exitCode: null, stdout: 'started\n'});
		expect(result.failure).toMatch(/timed out after 0\.3 s/);
	});

	it('with a pty: the command sees a terminal, output arrives merged with LF line ends', async () => {
		const result = await executor.run('test -t 0 && test -t 1 && echo tty; echo to-stderr >&2; exit 4', {pty: true});
		expect(result).toMatchObject({exitCode: 4, stdout: 'tty\nto-stderr\n', stderr: ''});
	});

	it('without a pty: stdin is not a terminal and ends at once (no hang on read)', async () => {
		const result = await executor.run('test -t 0 || echo no-tty; read x; echo "read=[$x] rc=$? (end of input)"');
		expect(result.stdout).toBe('no-tty\nread=[] rc=1 (end of input)\n');
	});

	it('keeps inherited variables holding a secret out of the environment of commands, with and without a pty', async () => {
		const secret = 'env-c4nary\'"$(x)%é';
		process.env['SNF_TEST_SECRET_FROM_ENV'] = secret;
		process.env['SNF_TEST_PLAIN'] = 'plain-value';
		try {
			const guarded = createLocalExecutor({...host, target: {kind: 'local', root: '', env: {SNF_TEST_HOST: 'host-value'}}}, {secrets: [secret]});
			for (const pty of [false, true]) {
				const result = await guarded.run('cat /proc/$$/environ | tr "\\0" "\\n"', {pty});
				expect(result.exitCode).toBe(0);
				expect(result.stdout).not.toContain('c4nary');
				expect(result.stdout).toContain('SNF_TEST_PLAIN=plain-value');
				expect(result.stdout).toContain('SNF_TEST_HOST=host-value');
			}
		} finally {
			delete process.env['SNF_TEST_SECRET_FROM_ENV'];
			delete process.env['SNF_TEST_PLAIN'];
		}
	});

	it('asRoot runs directly when we are root or the host has no sudo', () => {
		expect(localRootMode(host, {sudoWithPassword: true})).toBe('direct');
		const sudoHost = {...host, sudo: true};
		const expected = process.getuid?.() === 0 ? 'direct' : 'sudo-password';
		expect(localRootMode(sudoHost, {sudoWithPassword: true})).toBe(expected);
	});

	it('refuses sudo with a password when no prompt broker can type it', async () => {
		if (process.getuid?.() === 0) {
			// As root nothing goes through sudo: the refusal cannot happen, so check direct root instead.
			const result = await executor.run('id -u', {asRoot: true});
			expect(result.stdout).toBe('0\n');
			return;
		}

		const sudoExecutor = createLocalExecutor({...host, sudo: true}, {sudoWithPassword: true});
		await expect(sudoExecutor.run('id -u', {asRoot: true})).rejects.toBeInstanceOf(OperationError);
	});
});
