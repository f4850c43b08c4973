import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import type {PromptRule} from '../../source/domain/action-types.js';
import type {Host} from '../../source/domain/inventory-types.js';
import {shellQuote} from '../../source/domain/shell-quote.js';
import type {CommandResult, OutputChunk, RunOptions} from '../../source/executors/executor.js';
import {createLocalExecutor} from '../../source/executors/local-executor.js';
import {createPromptBroker, maxAnswersPerRule, type PromptBrokerOptions} from '../../source/executors/prompt-broker.js';
import {sudoPrompt} from '../../source/executors/sudo.js';

const host: Host = {id: 'local', label: 'local', sudo: false, target: {kind: 'local', root: '', env: {}}};
const executor = createLocalExecutor(host);

function fixture(name: string): string {
	return shellQuote(fileURLToPath(new URL(`../fixtures/prompts/${name}`, import.meta.url)));
}

async function runWithBroker(
	commandLine: string,
	broker: PromptBrokerOptions,
	options: RunOptions = {},
): Promise<CommandResult & {chunks: string}> {
	const chunks: OutputChunk[] = [];
	const result = await executor.run(commandLine, {
		...options,
		timeoutMs: 20_000,
		prompts: createPromptBroker(broker),
		onOutput(chunk) {
			chunks.push(chunk);
		},
	});
	return {...result, chunks: chunks.map(chunk => chunk.text).join('')};
}

const vncPassword = 'Vnc-S3cret!x';
const vncRule: PromptRule = {match: 'Password: ', answer: {secret: 'vncPassword', value: vncPassword}, description: 'vncauthproxy-passwd password'};

describe('prompt broker with real prompting programs', () => {
	it("answers Django's stale content types question", async () => {
		const result = await runWithBroker(`python3 ${fixture('django-stale-contenttypes.py')}`, {
			rules: [{match: String.raw`Type 'yes' to continue, or 'no' to cancel: `, answer: 'no', description: 'stale content types'}],
		});
		expect(result).toMatchObject({exitCode: 0, outcome: 'completed'});
		expect(result.stdout).toContain('    im | astakosuser_old\n');
		expect(result.stdout).toContain('got: no\nStale content types remain.\n');
	});

	it('tells onAnswered each known prompt it answered, naming a secret answer without its value', async () => {
		const answered: string[] = [];
		const onAnswered = (description: string, answer: string) => answered.push(`${answer} to ${description}`);
		await runWithBroker(`python3 ${fixture('django-stale-contenttypes.py')}`, {
			rules: [{match: String.raw`Type 'yes' to continue, or 'no' to cancel: `, answer: 'no', description: 'the stale content types question'}],
			onAnswered,
		});
		await runWithBroker(`python3 ${fixture('getpass-password.py')} ${shellQuote(vncPassword)}`, {rules: [vncRule], onAnswered}, {pty: true});
		expect(answered).toEqual(["'no' to the stale content types question", 'the secret vncPassword to vncauthproxy-passwd password']);
	});

	it('types a getpass() password through a pty; the secret never shows', async () => {
		const result = await runWithBroker(`python3 ${fixture('getpass-password.py')} ${shellQuote(vncPassword)}`, {rules: [vncRule]}, {pty: true});
		expect(result).toMatchObject({exitCode: 0, outcome: 'completed'});
		expect(result.stdout).toContain('Password: ');
		expect(result.stdout).toContain(`password accepted (${vncPassword.length} characters)`);
		// The command line holds the expected password (test fixture argument), not the output.
		for (const text of [result.stdout, result.stderr, result.chunks]) {
			expect(text).not.toContain(vncPassword);
		}
	});

	it('masks a secret that the pty echoes back', async () => {
		const token = 'tok-9f8e7d6c5b';
		const result = await runWithBroker(
			`python3 ${fixture('echo-read-secret.py')} ${shellQuote(token)}`,
			{rules: [{match: 'Secret token: ', answer: {secret: 'token', value: token}, description: 'token'}]},
			{pty: true},
		);
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toBe('Secret token: ••••\ntoken ok\n');
		expect(result.chunks).toBe(result.stdout);
		expect(result.chunks).not.toContain(token);
	});

	it("answers snf-component-register's questions, each time they are asked", async () => {
		const result = await runWithBroker(`python3 ${fixture('component-register.py')}`, {
			rules: [
				{match: String.raw`Re-register \(y/n\)\? `, answer: 'y', description: 're-register'},
				{match: 'Base URL: ', answer: 'https://node1.example.com/base', description: 'base URL'},
				{match: 'UI URL: ', answer: 'https://node1.example.com/base/ui', description: 'UI URL'},
				{match: String.raw`Register \w+ with the given URLs \(y/n\)\? `, answer: 'y', description: 'confirm'},
			],
		});
		expect(result).toMatchObject({exitCode: 0, outcome: 'completed'});
		for (const component of ['astakos', 'cyclades', 'pithos']) {
			expect(result.stdout).toContain(`registered ${component} base=https://node1.example.com/base ui=https://node1.example.com/base/ui\n`);
		}
	});

	it("answers user-modify's Confirm? [y/N]", async () => {
		const result = await runWithBroker(`python3 ${fixture('user-modify-confirm.py')}`, {
			rules: [{match: String.raw`Confirm\? \[y/N\] `, answer: 'y', description: 'user-modify confirmation'}],
		});
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('Base quota set for 3 users.');
	});

	it('fails fast, naming the prompt, when a prompt no rule knows waits for input', async () => {
		const result = await runWithBroker(`python3 ${fixture('magic-word.py')}`, {rules: [vncRule], idleMs: 200});
		expect(result.outcome).toBe('aborted');
		expect(result.failure).toBe('waiting for input: Enter the magic word: ');
		expect(result.stdout).not.toContain('magic word accepted');
	});

	it('asks the admin about an unknown prompt and types the answer', async () => {
		const asked: string[] = [];
		const result = await runWithBroker(`python3 ${fixture('magic-word.py')}`, {
			rules: [],
			idleMs: 200,
			async onUnknownPrompt(tail) {
				asked.push(tail);
				return 'please';
			},
		});
		expect(asked).toEqual(['Enter the magic word: ']);
		expect(result).toMatchObject({exitCode: 0, outcome: 'completed'});
		expect(result.stdout).toContain('magic word accepted');
	});

	it('the admin declining an unknown prompt fails the command', async () => {
		const result = await runWithBroker(`python3 ${fixture('magic-word.py')}`, {rules: [], idleMs: 200, onUnknownPrompt: async () => undefined});
		expect(result).toMatchObject({outcome: 'aborted', failure: 'waiting for input: Enter the magic word: '});
	});

	it('a rule whose answer is refused again and again fails instead of looping', async () => {
		const result = await runWithBroker(`python3 ${fixture('component-register.py')} astakos`, {
			rules: [{match: String.raw`Re-register \(y/n\)\? `, answer: 'maybe', description: 're-register'}],
		});
		expect(result.outcome).toBe('aborted');
		expect(result.failure).toBe(`the command keeps asking (re-register); answered ${maxAnswersPerRule} times`);
		expect(result.stdout.split('Please answer yes or no.').length - 1).toBe(maxAnswersPerRule);
	});

	it('types the sudo password from the secret answer, never shown', async () => {
		const password = 'sudo-pw-4321';
		const result = await runWithBroker(
			`python3 ${fixture('fake-sudo.py')} ${shellQuote(sudoPrompt)} ${shellQuote(password)} 'echo as-root'`,
			{rules: [], sudoPassword: password},
		);
		expect(result).toMatchObject({exitCode: 0, outcome: 'completed', stdout: 'as-root\n', stderr: sudoPrompt});
	});

	it('fails at once when sudo rejects the password', async () => {
		const result = await runWithBroker(
			`python3 ${fixture('fake-sudo.py')} ${shellQuote(sudoPrompt)} right-one 'echo as-root'`,
			{rules: [], sudoPassword: 'wrong-one'},
		);
		expect(result).toMatchObject({outcome: 'aborted', failure: 'sudo rejected the password'});
		expect(result.stdout).toBe('');
	});

	it('fails when sudo asks and no sudo password was given', async () => {
		const result = await runWithBroker(`python3 ${fixture('fake-sudo.py')} ${shellQuote(sudoPrompt)} x 'echo as-root'`, {rules: []});
		expect(result).toMatchObject({outcome: 'aborted', failure: 'sudo asked for a password and no sudo password was given'});
	});
});
