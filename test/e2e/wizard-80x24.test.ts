import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Terminal} from '../helpers/tmux.js';
import {ensureCliBuilt, runCli} from './run-helpers.js';
import {openWizard, walk, waitForVisible} from './wizard-driver.js';
import {leaveSummary, screenBeforeWipe, settledRecording} from './wizard-run-helpers.js';

let work: string;
let terminal: Terminal | undefined;

beforeAll(() => {
	ensureCliBuilt();
}, 300_000);

afterEach(() => {
	terminal?.close();
	terminal = undefined;
	fs.rmSync(work, {recursive: true, force: true});
});

describe('the wizard in a real terminal (tmux, 80×24), every byte it writes recorded', () => {
	it('(h) an Enter typed while the wizard starts is taken; the whole walk fits 80×24: no ESC[3J in the byte stream, no line longer than 80, and the upgrade verifies', async () => {
		work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-wizard-80x24-'));
		const sandbox = path.join(work, 'sb');
		expect((await runCli(['sandbox', sandbox])).code).toBe(0);
		const recording = path.join(work, 'bytes');
		terminal = openWizard(['--answers', path.join(sandbox, 'answers.json'), '--state-dir', path.join(work, 'state')], work, {}, recording);
		// Enter typed at once, while the wizard is still starting (the terminal still in cooked mode): it is not lost, it
		// takes the welcome's first choice (resume at section 0).
		terminal.press('Enter');
		await waitForVisible(terminal, /^0 Before the upgrade[\s\S]*Enter to the (questions|preview)/m, 'the intro of section 0');
		await walk(terminal, {until: /^Summary$/m});
		expect(await leaveSummary(terminal)).toBe(0);
		const bytes = await settledRecording(recording);
		expect(bytes.length).toBeGreaterThan(10_000);
		// On failure: the screen Ink was drawing when it wiped the scrollback.
		expect(screenBeforeWipe(bytes)).toBe('');
		const long = terminal.screen().split('\n').filter(line => [...line].length > 80);
		expect(long).toEqual([]);
		const verify = await runCli(['sandbox', 'verify', sandbox]);
		expect(verify.stdout).not.toMatch(/FAIL/);
		expect(verify.code).toBe(0);
	}, 600_000);
});
