import fs from 'node:fs';
import process from 'node:process';
import type {Terminal} from '../helpers/tmux.js';
import {openTerminal} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';
import {cli} from './run-helpers.js';

/**
 * The wizard on the built CLI in an 80×24 tmux terminal, outside CI whatever the suite's shell says (CI and CONTINUOUS_INTEGRATION left out: the wizard refuses to start under either),
 * with no colour variables but those in `env`.
 * `record`: a file that gets every byte the wizard writes to the terminal, from its first.
 */
export function openWizard(args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}, record?: string): Terminal {
	const assignments = Object.entries(env).map(([name, value]) => `${name}=${value}`);
	// The colour variables of the test's own environment are not the wizard's: a test gives them in `env`.
	return openTerminal(['env', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', '-u', 'NO_COLOR', '-u', 'FORCE_COLOR', ...assignments, process.execPath, cli, ...args], {cwd, width: 80, height: 24, ...(record === undefined ? {} : {record})});
}

/** What the last cursor show/hide sequence in a byte recording left the terminal with (tmux reports no cursor once the program is gone). */
export function lastCursorMode(record: string): 'shown' | 'hidden' | 'never set' {
	// eslint-disable-next-line no-control-regex
	const modes = [...fs.readFileSync(record, 'latin1').matchAll(/\u001B\[\?25([hl])/g)];
	const last = modes.at(-1)?.[1];
	return last === undefined ? 'never set' : (last === 'h' ? 'shown' : 'hidden');
}

/** The rows the terminal shows now (not the last lines of the scrollback: a frame that shrank leaves blank rows under it). */
export const visible = (terminal: Terminal): string => terminal.shownRows().replace(/\n+$/, '');

/** Waits until the visible screen matches, and returns it. */
export async function waitForVisible(terminal: Terminal, pattern: RegExp, what: string, timeoutMs = 60_000): Promise<string> {
	await waitFor(() => pattern.test(visible(terminal)), () => `${what} (screen:\n${visible(terminal)}\n)`, timeoutMs);
	return visible(terminal);
}

export interface WalkRules {
	/** Stop when the screen matches (returned). */
	readonly until: RegExp;
	/** Keys for a question screen; undefined → Enter (take the value offered). */
	readonly answer?: (screen: string) => string[] | undefined;
	/** Optional sections whose intro gets `s` (skip). */
	readonly skip?: RegExp;
}

const isQuestion = /^Question \d+ of \d+ · /m;
const isIntro = /Enter to the (questions|preview)/;
const isPreview = /^Preview · /m;

/**
 * Walks the wizard as a person would: Enter on each intro and question (or the keys `answer` gives),
 * `r` on each preview once its diffs are read, waiting through the runs, until `until` shows.
 */
export async function walk(terminal: Terminal, rules: WalkRules, timeoutMs = 600_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const screen = visible(terminal);
		if (rules.until.test(screen)) {
			return screen;
		}

		if (Date.now() > deadline) {
			throw new Error(`the walk did not reach ${String(rules.until)}; screen:\n${screen}`);
		}

		let keys: string[] | undefined;
		if (isIntro.test(screen)) {
			keys = rules.skip?.test(screen) ? ['s'] : ['Enter'];
		} else if (isQuestion.test(screen)) {
			keys = rules.answer?.(screen) ?? ['Enter'];
		} else if (isPreview.test(screen) && !screen.includes('Reading the files')) {
			keys = ['r'];
		}

		if (keys === undefined) {
			// A run, or a preview still reading: wait for the screen to move on.
			await waitFor(() => visible(terminal) !== screen, `the screen to change from:\n${screen}\n`, 120_000);
			continue;
		}

		for (const key of keys) {
			terminal.press(key);
		}

		await waitFor(() => visible(terminal) !== screen, `the screen to change after ${keys.join(' ')} from:\n${screen}\n`, 120_000);
	}
}
