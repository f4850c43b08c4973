import process from 'node:process';

/** What every shim gets: its arguments, the sandbox it belongs to, the host it runs on, and stdio. */
export interface ShimContext {
	readonly program: string;
	readonly args: readonly string[];
	/** DIR of the sandbox (SNF_SANDBOX). */
	readonly sandbox: string;
	/** The host this shim runs on (SNF_SANDBOX_HOST). */
	readonly host: string;
	readonly env: NodeJS.ProcessEnv;
	out(text: string): void;
	err(text: string): void;
	/** Reads one line from stdin (without the newline); undefined at end of input. */
	readLine(): Promise<string | undefined>;
}

/** Reads stdin lazily, one line at a time, so a prompt is printed before its answer is consumed. */
export function stdinLines(): {readLine: () => Promise<string | undefined>; close: () => void} {
	let buffer = '';
	let ended = false;
	let started = false;
	let waiting: (() => void) | undefined;
	const wake = () => {
		const resolve = waiting;
		waiting = undefined;
		resolve?.();
	};

	const start = () => {
		started = true;
		process.stdin.setEncoding('utf8');
		process.stdin.on('data', (chunk: string) => {
			buffer += chunk;
			wake();
		});
		process.stdin.on('end', () => {
			ended = true;
			wake();
		});
		process.stdin.on('error', () => {
			ended = true;
			wake();
		});
	};

	const readLine = async (): Promise<string | undefined> => {
		if (!started) {
			start();
		}

		process.stdin.resume();
		for (;;) {
			const newline = buffer.indexOf('\n');
			if (newline !== -1) {
				const line = buffer.slice(0, newline).replace(/\r$/, '');
				buffer = buffer.slice(newline + 1);
				process.stdin.pause();
				return line;
			}

			if (ended) {
				if (buffer === '') {
					return undefined;
				}

				const line = buffer;
				buffer = '';
				return line;
			}

			 
			await new Promise<void>(resolve => {
				waiting = resolve;
			});
		}
	};

	return {
		readLine,
		close() {
			if (started) {
				process.stdin.destroy();
			}
		},
	};
}

/** A Python 2 style traceback tail for an uncaught exception, as snf-manage prints it. */
export function traceback(exception: string, where = 'File "/usr/bin/snf-manage", line 9, in <module>'): string {
	return `Traceback (most recent call last):\n  ${where}\n    load_entry_point('snf-webproject', 'console_scripts', 'snf-manage')()\n${exception}\n`;
}
