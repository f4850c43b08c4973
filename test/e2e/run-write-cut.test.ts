import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {pythonValues} from '../domain/steps/plan-fixture.js';
import {holdProgram, type HeldProgram} from '../helpers/hold-command.js';
import {pidsMatching} from '../helpers/sshd.js';
import {waitFor} from '../helpers/wait-for.js';
import {cli, ensureCliBuilt, runCli} from './run-helpers.js';

let parent: string;
let sandbox: string;
let state: string;
let settings: string;
let original: Buffer;
let held: HeldProgram;

const settingsName = '20-snf-pithos-app-settings.conf';
/** The write script's temp files and its pending-write record: everything but the file and its backups. */
const leftovers = () => fs.readdirSync(path.dirname(settings)).filter(name => name.startsWith(`.${settingsName}.`));

beforeAll(async () => {
	ensureCliBuilt();
	parent = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-write-cut-'));
	sandbox = path.join(parent, 'sb');
	state = path.join(parent, 'state');
	expect((await runCli(['sandbox', sandbox])).code).toBe(0);
	settings = path.join(sandbox, 'pithos/etc/synnefo', settingsName);
	// ~2.5 MB of comments first: the new content is far larger than a pipe holds, and a cut falls in a comment.
	const padding = Array.from({length: 50_000}, (_, index) => `# padding line ${index} of an admin's long commentary on this file\n`).join('');
	fs.writeFileSync(settings, padding + fs.readFileSync(settings, 'utf8'));
	original = fs.readFileSync(settings);
	// On the Pithos host, the first mktemp once the backup of the settings file exists waits for the test:
	// the write script has started, snf-upgrade has filled the pipe, and the new content is not read yet.
	held = holdProgram(parent, 'mktemp', `ls '${path.dirname(settings)}' | grep -q '^${settingsName}\\..*\\.bak$'`);
	const answersFile = path.join(sandbox, 'answers.json');
	const document = JSON.parse(fs.readFileSync(answersFile, 'utf8')) as {inventory: Record<string, {name: string; local: {env: Record<string, string>}}>};
	const pithos = Object.values(document.inventory).find(entry => entry.name === 'pithos')!;
	pithos.local.env.PATH = `${held.directory}:${pithos.local.env.PATH}`;
	fs.writeFileSync(answersFile, JSON.stringify(document), {mode: 0o600});
}, 120_000);

afterAll(() => {
	held.release();
	fs.rmSync(parent, {recursive: true, force: true});
});

describe('run --yes killed while it streams a settings file to the write script', () => {
	it('the cut content is never renamed over the file; the rerun writes it whole and verify passes', async () => {
		const args = ['run', '--yes', '--answers', path.join(sandbox, 'answers.json'), '--state-dir', state];
		const child = spawn(process.execPath, [cli, ...args], {env: {...process.env, CI: 'true'}, stdio: 'ignore'});
		const closed = new Promise<NodeJS.Signals | null>(resolve => child.on('close', (_code, signal) => resolve(signal)));
		await waitFor(held.started, 'the write script of the Pithos settings to start', 150_000);
		child.kill('SIGKILL');
		expect(await closed).toBe('SIGKILL');

		// The script outlives snf-upgrade: let it go on and read what reached its stdin, then end.
		held.release();
		await waitFor(() => pidsMatching(settings).length === 0 && leftovers().every(name => !/\.[A-Za-z\d]{6}$/.test(name)), 'the write script to end', 60_000);
		expect(fs.readFileSync(settings).equals(original)).toBe(true);

		// The killed run's deployment lock is stale: the admin breaks it, as the refusal says.
		const rerun = await runCli([...args, '--from', 'astakos-auth-url', '--break-lock']);
		expect(rerun.stderr).not.toContain('failed on');
		expect(rerun.code).toBe(0);
		expect(leftovers()).toEqual([]);
		const values = pythonValues(fs.readFileSync(settings, 'utf8'), ['PITHOS_BACKEND_DB_CONNECTION', 'PITHOS_SERVICE_TOKEN', 'ASTAKOS_AUTH_URL', 'ASTAKOS_BASE_URL']);
		expect(values).toEqual({
			PITHOS_BACKEND_DB_CONNECTION: 'postgresql://synnefo:example_passw0rd@astakos:5432/snf_pithos',
			PITHOS_SERVICE_TOKEN: 'Wq0Fy0xHqK8Jj2Zk1Yt6mC1dQb9pT8lN4sR7vU3eA5g',
			ASTAKOS_AUTH_URL: 'https://accounts.synnefo.test/astakos/identity/v2.0',
			ASTAKOS_BASE_URL: '<unset>',
		});
		expect(fs.readFileSync(settings, 'utf8').startsWith(original.toString('utf8').slice(0, 100_000))).toBe(true);

		const verify = await runCli(['sandbox', 'verify', sandbox]);
		expect(verify.stdout).not.toMatch(/FAIL/);
		expect(verify.code).toBe(0);
	}, 300_000);
});
