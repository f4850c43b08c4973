import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {setTimeout as delay} from 'node:timers/promises';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loadState} from '../../source/sandbox/state.js';
import {waitFor} from '../helpers/wait-for.js';
import {cli, ensureCliBuilt, holdSnfManage, runCli, type HeldCommand} from './run-helpers.js';

let parent: string;
let sandbox: string;
let answers: string;
let held: HeldCommand;
/** Secrets made only of characters no shell quotes, so a secret on any argv shows as this very text. */
const canaries = {
	pithosOauthSecret: 'canaryoauth7f3a9c2b41',
	vncPassword: 'canaryvnc5b2e1d9a07',
	statsSecretKey: 'canarystats9c4d0e6f18',
};

/**
 * The command line (arguments joined by spaces) of every process of this test's run now: the CLI and every
 * process it starts, all of which carry `sandbox` in their arguments or SNF_SANDBOX=sandbox in their environment.
 */
function processCommandLines(): string[] {
	const lines: string[] = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) {
			continue;
		}

		try {
			const line = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
			if (line.includes(sandbox) || `\0${fs.readFileSync(`/proc/${entry}/environ`, 'utf8')}`.includes(`\0SNF_SANDBOX=${sandbox}\0`)) {
				lines.push(line);
			}
		} catch {
			// The process ended between readdir and read.
		}
	}

	return lines;
}

beforeAll(async () => {
	ensureCliBuilt();
	parent = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-argv-'));
	sandbox = path.join(parent, 'sb');
	expect((await runCli(['sandbox', sandbox])).code).toBe(0);
	answers = path.join(sandbox, 'answers.json');
	const document = JSON.parse(fs.readFileSync(answers, 'utf8')) as {answers: Record<string, unknown>};
	document.answers = {...document.answers, ...canaries};
	fs.writeFileSync(answers, JSON.stringify(document), {mode: 0o600});
	// oauth2-client-add is held on the Astakos host: the processes of the step are sampled while it surely runs.
	held = holdSnfManage(sandbox, parent, 'astakos', 'oauth2-client-add');
}, 120_000);

afterAll(() => {
	held.release();
	fs.rmSync(parent, {recursive: true, force: true});
});

describe('no secret on any command line', () => {
	it('/proc/*/cmdline, sampled through a whole run --yes, never holds a secret; the OAuth client gets its secret on stdin', async () => {
		const seen = new Set<string>();
		let sampling = true;
		const sampler = (async () => {
			while (sampling) {
				for (const line of processCommandLines()) {
					seen.add(line);
				}

				await delay(10);
			}
		})();
		const child = spawn(process.execPath, [cli, 'run', '--yes', '--answers', answers, '--state-dir', path.join(parent, 'state')], {
			env: {...process.env, CI: 'true'},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const exited = new Promise<number | null>(resolve => child.on('close', resolve));
		try {
			await waitFor(held.started, 'oauth2-client-add to start', 300_000);
			// While the step is held, its shell and the command it starts are alive: this sample surely covers them.
			const during = processCommandLines();
			const step = during.filter(line => line.includes('oauth2-client-add'));
			expect(step.length, during.join('\n')).toBeGreaterThan(0);
			for (const secret of Object.values(canaries)) {
				expect(step.filter(line => line.includes(secret))).toEqual([]);
			}

			held.release();
			expect(await exited, output).toBe(0);
		} finally {
			held.release();
			sampling = false;
			await sampler;
			if (child.exitCode === null) {
				child.kill('SIGTERM');
				await exited;
			}
		}

		const leaks = [...seen].filter(line => Object.values(canaries).some(secret => line.includes(secret)));
		expect(leaks).toEqual([]);
		expect(seen.size).toBeGreaterThan(50);
		expect(loadState(sandbox).oauthClients).toMatchObject([{identifier: 'pithos-view', secret: canaries.pithosOauthSecret, isTrusted: true}]);
	}, 600_000);
});
