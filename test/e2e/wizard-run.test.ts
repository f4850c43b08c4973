import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {openTerminal, type Terminal} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';
import {cli, ensureCliBuilt, filesUnder, holdSnfManage, runCli} from './run-helpers.js';
import {failWhileLocked, leaveSummary, settledRecording, walkWizard} from './wizard-walk.js';

let work: string;
let terminal: Terminal | undefined;

beforeAll(() => {
	ensureCliBuilt();
}, 120_000);

afterEach(() => {
	terminal?.close();
	terminal = undefined;
	fs.rmSync(work, {recursive: true, force: true});
});

/** A fresh sandbox and state directory; the wizard on it in an 80×24 terminal, outside CI. */
async function freshSandbox(name: string) {
	work = fs.mkdtempSync(path.join(os.tmpdir(), `snf-e2e-wizard-${name}-`));
	const sandbox = path.join(work, 'sb');
	const state = path.join(work, 'state');
	expect((await runCli(['sandbox', sandbox])).code).toBe(0);
	const open = (record?: string) => openTerminal(
		['env', '-u', 'CI', '-u', 'NO_COLOR', process.execPath, cli, '--answers', path.join(sandbox, 'answers.json'), '--state-dir', state],
		{cwd: work, width: 80, height: 24, ...(record === undefined ? {} : {record})},
	);
	const journalSteps = () => {
		const [journal] = filesUnder(path.join(state, 'journals'));
		return (JSON.parse(fs.readFileSync(journal!, 'utf8')) as {steps: Record<string, Record<string, {status: string}>>}).steps;
	};

	const verify = async () => {
		const result = await runCli(['sandbox', 'verify', sandbox]);
		expect(result.stdout).not.toMatch(/FAIL/);
		expect(result.code).toBe(0);
	};

	return {sandbox, state, open, journalSteps, verify};
}

describe('the wizard’s run screen in a real terminal (tmux, 80×24), keys typed as a person would', () => {
	it('(h) the whole walk fits 80×24: no ESC[3J in the byte stream, no line longer than 80, and the upgrade verifies', async () => {
		const deployment = await freshSandbox('walk');
		const recording = path.join(work, 'bytes');
		terminal = deployment.open(recording);
		await walkWizard(terminal);
		expect(await leaveSummary(terminal)).toBe(0);
		const bytes = (await settledRecording(recording)).toString('latin1');
		expect(bytes.length).toBeGreaterThan(10_000);
		// On failure: the screen Ink was drawing when it cleared the scrollback.
		const wipe = bytes.indexOf('\u001B[3J');
		// eslint-disable-next-line no-control-regex -- the escape sequences are what is removed
		expect(wipe === -1 ? '' : Buffer.from(bytes.slice(Math.max(0, wipe - 3000), wipe), 'latin1').toString('utf8').replaceAll(/\u001B\[[0-9;?]*[a-zA-Z]/g, '')).toBe('');
		const long = terminal.screen().split('\n').filter(line => [...line].length > 80);
		expect(long).toEqual([]);
		await deployment.verify();
	}, 400_000);

	it('(c) a command that fails is shown with host, command, exit code and output; fixed in the sandbox, retried from the failure screen, the walk completes', async () => {
		const deployment = await freshSandbox('retry');
		const lock = failWhileLocked(deployment.sandbox, work, 'cyclades', 'apt-get');
		terminal = deployment.open();
		let failureScreen = '';
		await walkWizard(terminal, {
			on(kind, screen) {
				if (kind !== 'failure') {
					return false;
				}

				expect(failureScreen).toBe('');
				failureScreen = screen;
				fs.rmSync(lock.lockFile);
				terminal!.press('r');
				return true;
			},
		});
		expect(failureScreen).toMatch(/✖ cyclades: exit code 100/);
		expect(failureScreen).toMatch(/command: DEBIAN_FRONTEND=noninteractive apt-get install -y/);
		expect(failureScreen).toContain('E: Could not get lock /var/lib/dpkg/lock');
		expect(failureScreen).toMatch(/r retry +s skip this host +a retry all failed +q abort \(resume later\)/);
		expect(lock.calls()).toBeGreaterThanOrEqual(2);
		expect(await leaveSummary(terminal)).toBe(0);
		expect(deployment.journalSteps()['install-packages']!.cyclades!.status).toBe('done');
		await deployment.verify();
	}, 400_000);

	it('(e) Ctrl+C while a command is held asks; abort stops it, exits 130 with the step unknown; started again, resume completes', async () => {
		const deployment = await freshSandbox('abort');
		const held = holdSnfManage(deployment.sandbox, work, 'astakos', 'oauth2-client-add');
		try {
			terminal = deployment.open();
			let question = '';
			await walkWizard(terminal, {
				async on(kind) {
					if (kind === 'run' && held.started() && question === '') {
						terminal!.press('C-c');
						question = await terminal!.waitForScreen(/Stop the run\?/, 'the Ctrl+C question');
						terminal!.press('a');
						return true;
					}

					return false;
				},
			});
			expect(question).toMatch(/s stop after the running commands +a abort now \(kill them\) +c continue/);
			expect(await leaveSummary(terminal)).toBe(130);
			expect(deployment.journalSteps()['oauth-client']!.astakos!.status).toBe('unknown');
			await waitFor(() => !held.running(), 'the aborted command to be gone', 60_000);
			expect(held.finished()).toBe(false);
			terminal.close();

			held.release();
			terminal = deployment.open();
			const welcome = await terminal.waitForScreen(/Resume at/, 'the welcome offering to resume');
			expect(welcome).toMatch(/unknown +2\.4/);
			await walkWizard(terminal, {
				on(kind) {
					if (kind === 'welcome') {
						terminal!.press('Enter');
						return true;
					}

					return false;
				},
			});
			expect(await leaveSummary(terminal)).toBe(0);
			expect(deployment.journalSteps()['oauth-client']!.astakos!.status).toBe('done');
			await deployment.verify();
		} finally {
			held.release();
		}
	}, 500_000);
});
