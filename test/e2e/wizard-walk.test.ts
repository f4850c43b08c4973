import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import type {Terminal} from '../helpers/tmux.js';
import {ensureCliBuilt, runCli} from './run-helpers.js';
import {openWizard, visible, waitForVisible, walk} from './wizard-driver.js';

let work: string;
let sandbox: string;
let state: string;
let terminal: Terminal | undefined;

beforeAll(() => {
	ensureCliBuilt();
}, 300_000);

beforeEach(async () => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-wizard-'));
	sandbox = path.join(work, 'sb');
	state = path.join(work, 'state');
	expect((await runCli(['sandbox', sandbox])).code).toBe(0);
});

afterEach(() => {
	terminal?.close();
	terminal = undefined;
	fs.rmSync(work, {recursive: true, force: true});
});

const answersFile = () => path.join(sandbox, 'answers.json');
const sandboxAnswers = () => (JSON.parse(fs.readFileSync(answersFile(), 'utf8')) as {answers: Record<string, unknown>}).answers;

async function verified(): Promise<string> {
	const verify = await runCli(['sandbox', 'verify', sandbox]);
	expect(verify.stdout).not.toMatch(/FAIL/);
	expect(verify.code).toBe(0);
	return verify.stdout;
}

describe('the wizard on the built CLI in a real terminal (tmux, 80×24), keys typed as a person would', () => {
	it('(a) a full walk that skips Shibboleth: every question answered, every section previewed and run, sandbox verify passes', async () => {
		// Leaving Shibboleth out means keeping the REMOTE_USER the deployment has: say so, so that verify expects it.
		const document = JSON.parse(fs.readFileSync(answersFile(), 'utf8')) as {answers: Record<string, unknown>};
		document.answers.shibbolethRemoteUser = 'eppn persistent-id targeted-id';
		fs.writeFileSync(answersFile(), JSON.stringify(document));
		terminal = openWizard(['--answers', answersFile(), '--state-dir', state], work);
		await waitForVisible(terminal, /Resume at 0 Before the upgrade/, 'the welcome offering to start at section 0');
		terminal.press('Enter');
		const seen = new Set<string>();
		const summary = await walk(terminal, {
			until: /^Summary$/m,
			skip: /^2\.7 Shibboleth configuration \(optional\)/m,
			answer(screen) {
				seen.add(/^([a-zA-Z]+) · /m.exec(screen)?.[1] ?? '');
				return undefined;
			},
		});
		expect(summary).toMatch(/^section +host +ran done skip fail/m);
		expect(summary).toMatch(/^0 Before the upgrade.* +[1-9]\d* +0 +0 +0$/m);
		// Every section's questions were on screen (about forty of them), and the previews were run.
		expect(seen.size).toBeGreaterThan(35);
		terminal.press('Enter');
		expect(await terminal.exitStatus()).toBe(0);
		const saved = JSON.parse(fs.readFileSync(path.join(state, 'answers.json'), 'utf8')) as {skippedSections?: string[]};
		expect(saved.skippedSections).toEqual(['shibboleth']);
		await verified();
	}, 900_000);

	it('(b) quit in section 2, start again: resume is offered, the answers are remembered, an unsaved secret is asked again, the walk completes', async () => {
		const secrets = sandboxAnswers();
		terminal = openWizard(['--answers', answersFile(), '--state-dir', state], work);
		await waitForVisible(terminal, /Resume at 0 Before/, 'the welcome');
		terminal.press('Enter');
		await walk(terminal, {until: /^2\.1 Install the v0\.15 packages/m});
		terminal.press('Enter');
		await waitForVisible(terminal, /^Question 1 of \d+ · 2\.1 /m, 'the first question of 2.1');
		terminal.press('C-c');
		expect(await terminal.exitStatus()).toBe(0);
		terminal.close();

		// Started again without the answers file: what was given is saved in the state directory.
		terminal = openWizard(['--state-dir', state], work);
		const welcome = await waitForVisible(terminal, /Resume at 2\.1 Install the v0\.15 packages/, 'resume offered at 2.1');
		expect(welcome).toMatch(/done {4}0 {4}Before the upgrade/);
		expect(welcome).toMatch(/done {4}1 {4}Bring web services down/);
		terminal.press('Enter');
		const asked: string[] = [];
		const summary = await walk(terminal, {
			until: /^Summary$/m,
			answer(screen) {
				const key = /^(pithosOauthSecret|vncPassword|statsSecretKey) ·/m.exec(screen)?.[1];
				if (key !== undefined && /type it ›|again {3}›/.test(screen)) {
					asked.push(key);
					return [String(secrets[key]), 'Enter'];
				}

				// The answers given in the first run are offered as saved, not asked from scratch.
				if (/^astakosBaseUrl · /m.test(screen)) {
					expect(screen).toMatch(/^astakosBaseUrl · offered: https:\/\/\S+ · saved/m);
				}

				return undefined;
			},
		});
		// Each secret given in the first run but not saved is asked for again (typed twice), never generated anew.
		expect([...new Set(asked)]).toEqual(['pithosOauthSecret', 'vncPassword', 'statsSecretKey']);
		expect(asked).toHaveLength(6);
		expect(summary).toMatch(/2\.1 Install the v0\.15 packages/);
		terminal.press('Enter');
		expect(await terminal.exitStatus()).toBe(0);
		await verified();
	}, 900_000);

	it('(d) a wrong URL is rejected inline with the schema\'s message and corrected; the derived ASTAKOS_AUTH_URL follows', async () => {
		terminal = openWizard(['--answers', answersFile(), '--state-dir', state], work);
		await waitForVisible(terminal, /Review the answers/, 'the welcome');
		terminal.press('a');
		await walk(terminal, {until: /^astakosBaseUrl · /m});
		terminal.press('C-u');
		await waitForVisible(terminal, /^› *$/m, 'the field cleared');
		terminal.press('accounts.example.org/');
		await waitForVisible(terminal, /› accounts\.example\.org\//, 'the typed text');
		terminal.press('Enter');
		await waitForVisible(terminal, /✖ expected an http:\/\/ or https:\/\/ URL with a host name/, 'the inline error');
		expect(visible(terminal)).toMatch(/^astakosBaseUrl · /m);
		terminal.press('Home');
		terminal.press('https://');
		await waitForVisible(terminal, /astakosAuthUrl follows: https:\/\/accounts\.example\.org\/identity\/v2\.0/, 'the derived value following the corrected URL');
		expect(visible(terminal)).not.toContain('✖ expected');
		terminal.press('Enter');
		await waitForVisible(terminal, /^astakosAuthUrl · offered: https:\/\/accounts\.example\.org\/identity\/v2\.0 · derived/m, 'the next question offering the derived URL');
		const saved = JSON.parse(fs.readFileSync(path.join(state, 'answers.json'), 'utf8')) as {answers: Record<string, unknown>};
		expect(saved.answers.astakosBaseUrl).toBe('https://accounts.example.org/');
		terminal.press('C-c');
		expect(await terminal.exitStatus()).toBe(0);
	}, 300_000);
});
