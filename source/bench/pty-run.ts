import {spawn, spawnSync} from 'node:child_process';
import process from 'node:process';
import {shellQuote} from '../domain/shell-quote.js';

/** A program in a real pseudo-terminal (util-linux script) of a fixed size, outside CI. */
export interface PtyProgram {
	/** Resolves with the milliseconds from the start until `pattern` first shows in the output. */
	until(pattern: RegExp): Promise<number>;
	/** Types into the terminal. */
	type(text: string): void;
	/** What the program wrote since the last call (at most the last 100,000 characters). */
	take(): string;
	/** Resolves with the milliseconds from now until the program writes anything. */
	nextOutput(): Promise<number>;
	/** Resolves with the milliseconds from the start until the program exits. */
	exited(): Promise<number>;
	kill(): void;
}

const size = 'stty rows 24 cols 80';

/** Runs `argv` in a 80×24 pty; `script` itself reports 0 rows, so the size is set inside first. */
export function runInPty(argv: readonly string[], env: NodeJS.ProcessEnv = {}): PtyProgram {
	const started = performance.now();
	// The wizard refuses to start under CI (even CI set to ''): the variable is left out.
	const {CI: _ci, ...outsideCi} = process.env;
	const child = spawn('script', ['-qfec', `${size}; exec ${argv.map(word => shellQuote(word)).join(' ')}`, '/dev/null'], {
		env: {...outsideCi, ...env},
		stdio: ['pipe', 'pipe', 'inherit'],
		detached: true,
	});
	let output = '';
	let fresh = '';
	let waiters: Array<() => void> = [];
	child.stdout.on('data', (chunk: Buffer) => {
		const text = chunk.toString('utf8');
		output += text;
		fresh = (fresh + text).slice(-100_000);
		if (output.length > 1_000_000) {
			output = output.slice(-100_000);
		}

		const current = waiters;
		waiters = [];
		for (const waiter of current) {
			waiter();
		}
	});
	const exit = new Promise<number>(resolve => {
		child.on('close', () => resolve(performance.now() - started));
	});
	return {
		async until(pattern) {
			while (!pattern.test(output)) {
				await new Promise<void>(resolve => waiters.push(resolve));
			}

			return performance.now() - started;
		},
		take() {
			const text = fresh;
			fresh = '';
			return text;
		},
		type(text) {
			child.stdin.write(text);
		},
		async nextOutput() {
			const from = performance.now();
			await new Promise<void>(resolve => waiters.push(resolve));
			return performance.now() - from;
		},
		exited: async () => exit,
		kill() {
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				// Already gone.
			}
		},
	};
}

/** Wall milliseconds of a program run to its end with no terminal. */
export function wallMs(argv: readonly string[]): number {
	const started = performance.now();
	spawnSync(argv[0]!, argv.slice(1), {stdio: 'ignore'});
	return performance.now() - started;
}
