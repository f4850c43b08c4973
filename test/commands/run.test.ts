import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {parseCli} from '../../source/cli-options.js';
import run from '../../source/commands/run.js';
import {InputError} from '../../source/domain/errors.js';
import {Capture} from '../helpers/capture.js';

let directory: string;
const inventory = {astakos: 'local', cyclades: 'local', pithos: 'local', ganeti: [{name: 'g1', master: 'local'}]};

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-run-cmd-'));
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}) {
	const cli = parseCli(['run', '--state-dir', path.join(directory, 'state'), ...argv]);
	const stdout = new Capture();
	const stderr = new Capture();
	try {
		const code = await run({input: cli.input.slice(1), flags: cli.flags, stdout, stderr, env: {HOME: directory, ...env}});
		return {code, error: undefined, stdout: stdout.text, stderr: stderr.text};
	} catch (error) {
		return {code: error instanceof InputError ? 2 : -1, error: error as Error, stdout: stdout.text, stderr: stderr.text};
	}
}

function answersFile(document: Record<string, unknown>): string {
	const file = path.join(directory, 'answers.json');
	fs.writeFileSync(file, JSON.stringify({version: 1, ...document}));
	return file;
}

describe('snf-upgrade run (usage and answers)', () => {
	it('refuses to run without --yes, saying to pass it (exit 2)', async () => {
		const result = await runCli([]);
		expect(result.code).toBe(2);
		expect(result.error!.message).toContain('pass --yes');
	});

	it('refuses a bad --parallel and stray arguments (exit 2)', async () => {
		expect((await runCli(['--yes', '--parallel', '0'])).error!.message).toContain('--parallel "0"');
		const word = (await runCli(['--yes', '--parallel', 'abc'])).error!.message;
		expect(word).toContain('--parallel "abc": expected a whole number of at least 1');
		expect(word).not.toContain('NaN');
		expect((await runCli(['--yes', 'extra'])).error!.message).toContain("unexpected argument 'extra'");
	});

	it('without an inventory, says how to give one (exit 2)', async () => {
		const result = await runCli(['--yes']);
		expect(result.code).toBe(2);
		expect(result.error!.message).toContain('no inventory');
		expect((result.error as InputError).hint).toContain('snf-upgrade sandbox DIR');
	});

	it('reports every missing answer up front with the keys to set, and runs nothing (exit 2)', async () => {
		const result = await runCli(['--yes', '--answers', answersFile({inventory})]);
		expect(result.code).toBe(2);
		expect(result.error!.message).toMatch(/^run: missing answers: .*astakosAuthUrl.*pithosOauthRedirectUrl/);
		expect(result.error!.message).toContain('(give astakosBaseUrl, or this key itself)');
		expect((result.error as InputError).hint).toContain('--set KEY=VALUE');
		expect(fs.existsSync(path.join(directory, 'state', 'journals'))).toBe(false);
	});

	it('only asks for the answers of the sections it runs', async () => {
		const result = await runCli(['--yes', '--answers', answersFile({inventory}), '--only', 'oauth']);
		expect(result.error!.message).toContain('pithosBaseUrl');
		expect(result.error!.message).not.toContain('astakosBaseUrl');
	});

	it('refuses answers that contradict each other before anything runs (exit 2)', async () => {
		const file = answersFile({inventory, answers: {vncStrict: true}});
		const result = await runCli(['--yes', '--answers', file, '--only', 'services-down']);
		expect(result.code).toBe(2);
		expect(result.error!.message).toContain('vncStrict is true but vncCaCert is not set');
		expect(fs.existsSync(path.join(directory, 'state', 'journals'))).toBe(false);
	});

	it('a damaged saved answers file stops the run with its name and the fix, and is kept', async () => {
		const saved = path.join(directory, 'state', 'answers.json');
		fs.mkdirSync(path.dirname(saved), {recursive: true});
		fs.writeFileSync(saved, '{"answers":');
		const result = await runCli(['--yes']);
		expect(result.code).toBe(2);
		expect(result.error!.message).toContain(`the saved answers ${saved} are damaged`);
		expect(fs.readFileSync(saved, 'utf8')).toBe('{"answers":');
	});

	it('a host that cannot be reached fails the preflight before any step runs (exit 3)', async () => {
		const sshInventory = {astakos: 'admin@127.0.0.1:1', cyclades: 'admin@127.0.0.1:1', pithos: 'admin@127.0.0.1:1', ganeti: [{name: 'g1', master: 'admin@127.0.0.1:1'}]};
		const file = answersFile({inventory: sshInventory});
		const result = await runCli(['--yes', '--answers', file, '--only', 'services-down']);
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('preflight failed, nothing was run');
		expect(result.stderr).toContain('127.0.0.1');
		expect(result.stdout).toBe('');
	});
});
