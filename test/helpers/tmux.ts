import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {shellQuote} from '../../source/domain/shell-quote.js';
import {waitFor} from './wait-for.js';

/** A program running in a real terminal: a private tmux server with one fixed-size window (real-hosts §5). */
export interface Terminal {
	/** The visible screen, as text. */
	screen(): string;
	/** Only the rows the terminal shows now, no scrollback. */
	shownRows(): string;
	/** Types keys as a person would (tmux key names: Enter, C-c, Up …). */
	press(...keys: string[]): void;
	/** Resizes the terminal, as a person dragging its window would (the program gets SIGWINCH). */
	resize(width: number, height: number): void;
	waitForScreen(pattern: RegExp, what: string, timeoutMs?: number): Promise<string>;
	/** Waits until the program exits and returns its exit status. */
	exitStatus(timeoutMs?: number): Promise<number>;
	close(): void;
}

export interface TerminalOptions {
	readonly cwd: string;
	readonly width?: number;
	readonly height?: number;
	/** Every byte the program writes to the terminal is appended to this file (tmux pipe-pane), from its first to its last: exitStatus() returns once the last is in it. */
	readonly record?: string;
}

/** What the shell writes to the terminal after the program, in a window-title sequence: the end of a recording. */
const recordEnd = 'snf-test-program-exited';

export function openTerminal(argv: readonly string[], options: TerminalOptions): Terminal {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-tmux-'));
	const config = path.join(directory, 'tmux.conf');
	fs.writeFileSync(config, 'set -g default-terminal "xterm-256color"\nset -g remain-on-exit on\nset -g history-limit 10000\nset -g status off\n');
	const tmux = (...args: string[]) => execFileSync('tmux', ['-S', path.join(directory, 'sock'), '-f', config, ...args], {encoding: 'utf8', cwd: options.cwd});
	// tmux reports no exit status for some programs (node among them), so a shell records it; the
	// shell's own SIGINT trap keeps it alive when Ctrl+C reaches the whole foreground group.
	const statusFile = path.join(directory, 'status');
	// With a recording the program waits until the pipe is in place, so the file has its first byte too.
	const go = path.join(directory, 'go');
	const wait = options.record === undefined ? '' : `while [ ! -e ${shellQuote(go)} ]; do sleep 0.02; done; `;
	// The pipe runs behind the terminal (tmux → cat → file): once the program is gone the shell writes an end mark
	// (a window-title sequence: nothing on the screen), so the recording is known to hold every byte when it holds the mark.
	const endMark = options.record === undefined ? '' : `printf '\\033]2;${recordEnd}\\033\\\\'; `;
	const command = `sh -c ${shellQuote(`trap true INT; ${wait}"$@"; status=$?; ${endMark}echo $status > ${shellQuote(statusFile)}`)} sh ${argv.map(word => shellQuote(word)).join(' ')}`;
	tmux('new-session', '-d', '-s', 'wiz', '-x', String(options.width ?? 110), '-y', String(options.height ?? 34), '-c', options.cwd, command, ';', 'set', '-g', 'window-size', 'manual');
	if (options.record !== undefined) {
		tmux('pipe-pane', '-o', '-t', 'wiz', `cat >> ${shellQuote(options.record)}`);
		fs.writeFileSync(go, '');
	}

	const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'wiz');
	return {
		screen,
		shownRows: () => tmux('capture-pane', '-p', '-J', '-t', 'wiz'),
		press(...keys) {
			tmux('send-keys', '-t', 'wiz', ...keys);
		},
		resize(width, height) {
			tmux('resize-window', '-t', 'wiz', '-x', String(width), '-y', String(height));
		},
		async waitForScreen(pattern, what, timeoutMs = 60_000) {
			await waitFor(() => pattern.test(screen()), what, timeoutMs);
			return screen();
		},
		async exitStatus(timeoutMs = 60_000) {
			const recorded = () => options.record === undefined || (fs.existsSync(options.record) && fs.readFileSync(options.record, 'latin1').includes(recordEnd));
			await waitFor(() => fs.existsSync(statusFile) && fs.readFileSync(statusFile, 'utf8').endsWith('\n') && recorded(), 'the program to exit (and its last byte to reach the recording)', timeoutMs);
			return Number(fs.readFileSync(statusFile, 'utf8'));
		},
		close() {
			try {
				tmux('kill-server');
			} catch {
				// Already gone.
			}

			fs.rmSync(directory, {recursive: true, force: true});
		},
	};
}
