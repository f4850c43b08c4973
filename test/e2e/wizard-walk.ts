import fs from 'node:fs';
import path from 'node:path';
import type {Terminal} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

/** The key help line of the screen on show: the last non-empty line of the terminal. */
export function footer(screen: string): string {
	return screen.trimEnd().split('\n').at(-1) ?? '';
}

/** What the footer says about the screen, by the keys it offers. */
export type ScreenKind = 'welcome' | 'intro' | 'question' | 'preview' | 'run' | 'failure' | 'run-question' | 'summary' | 'other';

export function screenKind(screen: string): ScreenKind {
	const keys = footer(screen);
	const kinds: ReadonlyArray<readonly [RegExp, ScreenKind]> = [
		[/letter shortcut/, 'welcome'],
		[/^Enter to the (questions|preview)/, 'intro'],
		[/Enter accept|y\/n answer|Enter choose|Space toggle/, 'question'],
		[/^r run · t step by step/, 'preview'],
		[/^Ctrl\+C stop… · r retry · s skip this host/, 'failure'],
		[/^s stop after running/, 'run-question'],
		[/^Ctrl\+C stop…/, 'run'],
		[/^Enter exit · q quit/, 'summary'],
	];
	return kinds.find(([pattern]) => pattern.test(keys))?.[1] ?? 'other';
}

export interface WalkOptions {
	/** Called on every new screen before the default key; return true when it handled the screen itself. */
	readonly on?: (kind: ScreenKind, screen: string) => boolean | Promise<boolean>;
	/** Where to stop (default: the summary). */
	readonly until?: ScreenKind;
	readonly timeoutMs?: number;
}

/**
 * Walks the wizard as an admin who accepts every offered answer: welcome → walk from the start, Enter on
 * every intro and question, r on every preview, then waits while each section runs. Each key is typed
 * once the screen it answers is on show, and the next only once the screen changed.
 */
export async function walkWizard(terminal: Terminal, options: WalkOptions = {}): Promise<string> {
	const until = options.until ?? 'summary';
	const deadline = Date.now() + (options.timeoutMs ?? 240_000);
	let last = '';
	for (;;) {
		if (Date.now() > deadline) {
			throw new Error(`the walk did not reach ${until}; last screen:\n${terminal.screen()}`);
		}

		await waitFor(() => terminal.screen() !== last && screenKind(terminal.screen()) !== 'other', 'the next screen', 120_000).catch((error: unknown) => {
			throw new Error(`${(error as Error).message}; the screen:\n${terminal.screen().split('\n').slice(-26).join('\n')}`);
		});
		const screen = terminal.screen();
		const kind = screenKind(screen);
		if (kind === until) {
			return screen;
		}

		if (await options.on?.(kind, screen)) {
			last = screen;
			continue;
		}

		last = screen;
		const keys: Partial<Record<ScreenKind, string>> = {welcome: 'w', intro: 'Enter', question: 'Enter', preview: 'r'};
		const key = keys[kind];
		if (key === undefined && kind !== 'run') {
			throw new Error(`no key for the ${kind} screen:\n${screen}`);
		}

		if (key !== undefined) {
			terminal.press(key);
			// A key typed in the instant between a screen's first frame and its input handler is lost (Ink 6.8
			// subscribes in an effect): when nothing changed after a while, it is typed again.
			await waitFor(() => terminal.screen() !== screen, 'the screen to take the key', 5000).catch(() => {
				terminal.press(key);
			});
		}
	}
}

/** Waits until the recording file stops growing (tmux's pipe has passed on every byte). */
export async function settledRecording(file: string): Promise<Buffer> {
	let size = -1;
	await waitFor(() => {
		const now = fs.statSync(file).size;
		const settled = now === size;
		size = now;
		return settled;
	}, 'the recording to settle');
	return fs.readFileSync(file);
}

/**
 * Puts a wrapper first on the PATH of one sandbox host: `program` fails as a held dpkg lock makes apt-get
 * fail (exit 100, "Could not get lock") while `lockFile` exists; removing it is the fix.
 */
export function failWhileLocked(sandbox: string, work: string, hostName: string, program: string): {readonly lockFile: string; calls(): number} {
	const wrappers = path.join(work, `lock-${hostName}`);
	const lockFile = path.join(work, `${hostName}-dpkg-lock`);
	const calls = path.join(work, `${hostName}-calls`);
	fs.mkdirSync(wrappers, {recursive: true});
	fs.writeFileSync(lockFile, '');
	fs.writeFileSync(path.join(wrappers, program), [
		'#!/bin/sh',
		`echo "$1" >> '${calls}'`,
		`if [ "$1" = install ] && [ -e '${lockFile}' ]; then`,
		"  echo 'E: Could not get lock /var/lib/dpkg/lock - open (11: Resource temporarily unavailable)' >&2",
		"  echo 'E: Unable to lock the administration directory (/var/lib/dpkg/), is another process using it?' >&2",
		'  exit 100',
		'fi',
		`exec '${path.join(sandbox, 'bin', program)}' "$@"`,
		'',
	].join('\n'), {mode: 0o755});
	const file = path.join(sandbox, 'answers.json');
	const document = JSON.parse(fs.readFileSync(file, 'utf8')) as {inventory: Record<string, {name: string; local: {env: Record<string, string>}}>};
	for (const entry of Object.values(document.inventory)) {
		if (entry.name === hostName) {
			entry.local.env.PATH = `${wrappers}:${entry.local.env.PATH}`;
		}
	}

	fs.writeFileSync(file, JSON.stringify(document), {mode: 0o600});
	return {lockFile, calls: () => (fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8').split('\n').filter(line => line === 'install').length : 0)};
}

/** Enter on the summary ends the wizard: typed again while the program is still there (see walkWizard). */
export async function leaveSummary(terminal: Terminal): Promise<number> {
	for (let attempt = 0; ; attempt++) {
		terminal.press('Enter');
		try {
			return await terminal.exitStatus(attempt < 5 ? 5000 : 60_000);
		} catch (error) {
			if (attempt >= 5) {
				throw error;
			}
		}
	}
}
