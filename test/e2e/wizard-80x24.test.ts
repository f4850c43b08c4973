import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {openTerminal, type Terminal} from '../helpers/tmux.js';
import {cli, ensureCliBuilt, filesUnder, runCli} from './run-helpers.js';
import {walk, waitForVisible} from './wizard-driver.js';
import {leaveSummary, settledRecording} from './wizard-run-helpers.js';

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

/** The welcome of a fresh walk: Enter resumes at section 0. */
async function start(terminal: Terminal) {
	await waitForVisible(terminal, /Resume at 0 Before the upgrade/, 'the welcome offering to start at section 0');
	terminal.press('Enter');
}

describe('the wizard’s run screen in a real terminal (tmux, 80×24), keys typed as a person would', () => {
	it('(h) the whole walk fits 80×24: no ESC[3J in the byte stream, no line longer than 80, and the upgrade verifies', async () => {
		const deployment = await freshSandbox('walk');
		const recording = path.join(work, 'bytes');
		terminal = deployment.open(recording);
		await start(terminal);
		await walk(terminal, {until: /^Summary$/m});
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
});
