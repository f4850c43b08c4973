import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Terminal} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';
import {lastCursorMode, openWizard, visible, waitForVisible} from './wizard-driver.js';
import {walkFixture} from './wizard-walk-fixture.js';

const fixture = walkFixture();

/** SGR parameters that set a foreground or background colour (bold, inverse and resets are not colour). */
const colourParameter = /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/;

/** The escape sequences in a byte stream that set a colour. */
function colourSequences(bytes: string): string[] {
	// eslint-disable-next-line no-control-regex
	return [...bytes.matchAll(/\u001B\[([\d;]*)m/g)].filter(match => match[1]!.split(';').some(parameter => colourParameter.test(parameter))).map(match => match[0]);
}

const welcomeTitle = 'snf-upgrade: Synnefo v0.14 → v0.15';

const longestRow = (screen: string) => Math.max(...screen.split('\n').map(row => row.length));

function open(env: Readonly<Record<string, string>>, record?: string): Terminal {
	fixture.terminal?.close();
	fixture.terminal = openWizard(['--answers', fixture.answersFile(), '--state-dir', fixture.state], fixture.work, env, record);
	return fixture.terminal;
}

describe('the wizard keeps the terminal as it found it (real terminal, tmux)', () => {
	it('NO_COLOR and FORCE_COLOR=0 give monochrome output; without them the same welcome is coloured', async () => {
		const colours: Record<string, number> = {};
		for (const [name, env] of [['default', {}], ['NO_COLOR=1', {NO_COLOR: '1'}], ['FORCE_COLOR=0', {FORCE_COLOR: '0'}]] as const) {
			const record = path.join(fixture.work, `${name}.bytes`);
			const terminal = open(env, record);
			await waitForVisible(terminal, /↑↓ move · Enter choose/, `the welcome (${name})`);
			terminal.press('q');
			expect(await terminal.exitStatus()).toBe(0);
			colours[name] = colourSequences(fs.readFileSync(record, 'latin1')).length;
		}

		expect(colours.default).toBeGreaterThan(0);
		expect(colours['NO_COLOR=1']).toBe(0);
		expect(colours['FORCE_COLOR=0']).toBe(0);
	}, 180_000);

	it('re-lays out when the terminal is resized: narrower, nothing wraps; wider again, the two columns come back', async () => {
		const terminal = open({});
		const wide = await waitForVisible(terminal, /↑↓ move · Enter choose/, 'the welcome at 80×24');
		expect(longestRow(wide)).toBeGreaterThan(60);
		terminal.resize(60, 20);
		// capture-pane -J joins wrapped rows, so a frame still laid out for 80 columns shows as rows over 60.
		await waitForVisible(terminal, /↑↓ move · Enter choose/, 'the welcome at 60×20');
		// The welcome drawn again (not the blank between Ink's clear on narrowing and its throttled redraw), within 60 columns.
		await expect.poll(() => {
			const screen = visible(terminal);
			return /↑↓ move · Enter choose/.test(screen) ? longestRow(screen) : Number.POSITIVE_INFINITY;
		}, {timeout: 30_000, interval: 200}).toBeLessThanOrEqual(60);
		expect(visible(terminal)).toMatch(/Review the answers/);
		terminal.press('a');
		const question = await waitForVisible(terminal, /^Question \d+ of \d+ · /m, 'a question at 60×20');
		expect(longestRow(question)).toBeLessThanOrEqual(60);
		terminal.resize(80, 24);
		terminal.press('Escape');
		await waitForVisible(terminal, /↑↓ move · Enter choose/, 'the welcome at 80×24 again');
		await expect.poll(() => longestRow(visible(terminal)), {timeout: 30_000, interval: 200}).toBeGreaterThan(60);
		terminal.press('q');
		expect(await terminal.exitStatus()).toBe(0);
	}, 180_000);

	it('shows the cursor again on every way out: quit, Ctrl+C on the welcome, Ctrl+C on a question', async () => {
		const ways: Array<[string, (terminal: Terminal) => Promise<void>]> = [
			['q on the welcome', async terminal => {
				terminal.press('q');
			}],
			['Ctrl+C on the welcome', async terminal => {
				terminal.press('C-c');
			}],
			['Ctrl+C on a question', async terminal => {
				terminal.press('a');
				await waitForVisible(terminal, /^Question \d+ of \d+ · /m, 'a question');
				terminal.press('C-c');
			}],
		];
		for (const [index, [way, leave]] of ways.entries()) {
			const record = path.join(fixture.work, `exit-${index}.bytes`);
			const terminal = open({}, record);
			await waitForVisible(terminal, /↑↓ move · Enter choose/, `the welcome (${way})`);
			// The recording runs behind the screen (tmux → cat → file); Ink hides the cursor before it writes a frame, so
			// once the welcome's title is in the file, so is every cursor sequence written before it.
			await waitFor(() => fs.readFileSync(record, 'utf8').includes(welcomeTitle), `the welcome in the recording (${way})`, 30_000);
			expect(lastCursorMode(record), `Ink hides the cursor while the wizard runs (${way})`).toBe('hidden');
			await leave(terminal);
			expect(await terminal.exitStatus(), way).toBe(0);
			expect(lastCursorMode(record), `the cursor after ${way}`).toBe('shown');
		}
	}, 180_000);
});
