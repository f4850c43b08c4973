import process from 'node:process';
import {setTimeout as delay} from 'node:timers/promises';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {shellQuote} from '../../../source/domain/shell-quote.js';
import type {Executor, InputChannel, PromptResponder} from '../../../source/executors/executor.js';
import {sudoPrompt} from '../../../source/executors/sudo.js';
import {pidsMatching, sshHost, sshdExecutor, startSshd} from '../../helpers/sshd.js';
import type {Sshd} from '../../helpers/sshd.js';
import {createSudoUser} from '../../helpers/ssh-users.js';
import type {SudoUser} from '../../helpers/ssh-users.js';

/** Answers sudo's prompt once, like the prompt broker will. */
function sudoResponder(password: string): PromptResponder & {answered: number} {
	let channel: InputChannel | undefined;
	let seen = '';
	const responder = {
		answered: 0,
		start(input: InputChannel) {
			channel = input;
		},
		onOutput(chunk: {text: string}) {
			seen += chunk.text;
			if (seen.endsWith(sudoPrompt)) {
				seen = '';
				responder.answered++;
				channel?.write(`${password}\n`);
			}
		},
		stop() {
			channel = undefined;
		},
	};
	return responder;
}

/** Deterministic pseudo-random strings full of shell metacharacters (seeded so a failure can be replayed). */
function nastyStrings(seed: number, count: number): string[] {
	let state = seed;
	const next = (): number => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};

	const alphabet = ['\'', '"', '$', '(', ')', '$(id)', '`id`', '\\', '\n', '\t', ' ', '*', '?', '~', '!', '#', ';', '&', '|', '<', '>', '{', '}', '[', ']', '%', '-', '--', 'é', '漢', '🙂', 'a', 'Z', '0', '\'\\\'\'', '${HOME}', '\r'];
	return Array.from({length: count}, (_, index) => {
		const length = index === 0 ? 0 : 1 + Math.floor(next() * 12);
		return Array.from({length}, () => alphabet[Math.floor(next() * alphabet.length)]!).join('');
	});
}

function printCommand(values: readonly string[]): string {
	return `printf '%s\\0' ${values.map(value => shellQuote(value)).join(' ')}`;
}

describe('SSH executor: sudo for a non-root login, and quoting', () => {
	let sshd: Sshd;
	let nopasswd: SudoUser;
	let withPassword: SudoUser;
	const password = 'p4ss w0rd\'"$';
	let rootExecutor: Executor;
	let sudoExecutor: Executor;

	beforeAll(async () => {
		sshd = await startSshd();
		nopasswd = createSudoUser(sshd.dir);
		withPassword = createSudoUser(sshd.dir, password);
		rootExecutor = sshdExecutor(sshd);
		sudoExecutor = sshdExecutor(sshd, {host: sshHost(sshd, {user: nopasswd.name, sudo: true})});
	});

	afterAll(async () => {
		try {
			await rootExecutor?.dispose();
			await sudoExecutor?.dispose();
			nopasswd?.remove();
			withPassword?.remove();
		} finally {
			await sshd?.stop();
		}
	});

	it('runs asRoot commands through sudo -n for a NOPASSWD user, others as the user', async () => {
		expect((await sudoExecutor.run('id -un')).stdout).toBe(`${nopasswd.name}\n`);
		expect(await sudoExecutor.run('id -un', {asRoot: true})).toMatchObject({exitCode: 0, stdout: 'root\n'});
	});

	it('types the sudo password through a prompt responder, never on the command line', async () => {
		const executor = sshdExecutor(sshd, {host: sshHost(sshd, {user: withPassword.name, sudo: true}), sudoWithPassword: true});
		try {
			const responder = sudoResponder(password);
			const result = await executor.run('id -un', {asRoot: true, prompts: responder});
			expect(result).toMatchObject({exitCode: 0, stdout: 'root\n', outcome: 'completed'});
			expect(responder.answered).toBe(1);
			expect(result.stderr).not.toContain(password);
			// Without a responder to type the password, the command is refused before it starts (like the local executor).
			await expect(executor.run('id -un', {asRoot: true})).rejects.toThrow('sudo needs a password');
			// stdin text waits for the password: sudo reads the password first, the command gets the text.
			const withInput = await executor.run('cat', {asRoot: true, prompts: sudoResponder(password), stdin: 'payload\n'});
			expect(withInput).toMatchObject({exitCode: 0, stdout: 'payload\n'});
		} finally {
			await executor.dispose();
		}
	});

	it('abort kills a command that runs as root through sudo', async () => {
		const marker = `snf-sudo-abort-${process.pid}-${Date.now()}`;
		const controller = new AbortController();
		const running = sudoExecutor.run(`sh -c 'sleep 60; echo ${marker}'`, {asRoot: true, signal: controller.signal});
		for (let waited = 0; pidsMatching(marker).length === 0; waited += 20) {
			expect(waited).toBeLessThan(10_000);
			await delay(20);
		}

		controller.abort();
		expect((await running).outcome).toBe('aborted');
		expect(pidsMatching(marker)).toEqual([]);
	});

	it('random strings arrive byte-identical as arguments, directly and through sudo', async () => {
		const seed = 20_240_615;
		const values = nastyStrings(seed, 50);
		const expected = values.map(value => `${value}\0`).join('');
		const direct = await rootExecutor.run(printCommand(values));
		expect(direct.stdout, `seed ${seed}`).toBe(expected);
		const viaSudo = await sudoExecutor.run(printCommand(values), {asRoot: true});
		expect(viaSudo.stdout, `seed ${seed}`).toBe(expected);
		const asUser = await sudoExecutor.run(printCommand(values));
		expect(asUser.stdout, `seed ${seed}`).toBe(expected);
	});
});
