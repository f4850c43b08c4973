import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {visible, waitForVisible, walk} from './wizard-driver.js';
import {walkFixture} from './wizard-walk-fixture.js';

const fixture = walkFixture();

describe('the wizard on the built CLI in a real terminal (tmux, 80×24), keys typed as a person would', () => {
	it('(d) a wrong URL is rejected inline with the schema\'s message and corrected; the derived ASTAKOS_AUTH_URL follows', async () => {
		const terminal = fixture.open(['--answers', fixture.answersFile(), '--state-dir', fixture.state]);
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
		const saved = JSON.parse(fs.readFileSync(path.join(fixture.state, 'answers.json'), 'utf8')) as {answers: Record<string, unknown>};
		expect(saved.answers.astakosBaseUrl).toBe('https://accounts.example.org/');
		terminal.press('C-c');
		expect(await terminal.exitStatus()).toBe(0);
	}, 300_000);
});
