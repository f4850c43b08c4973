import fs from 'node:fs';
import tty from 'node:tty';
import type {ShimContext} from './context.js';

/** Reads a password on the controlling terminal with echo off; undefined when there is no terminal. */
async function fromTerminal(prompt: string): Promise<string | undefined> {
	let fd: number;
	try {
		fd = fs.openSync('/dev/tty', 'r+');
	} catch {
		return undefined;
	}

	const input = new tty.ReadStream(fd);
	// Echo goes off before the prompt appears, as getpass does, so nothing typed after it is echoed.
	input.setRawMode(true);
	fs.writeSync(fd, prompt);
	return new Promise<string>((resolve, reject) => {
		let value = '';
		const finish = (error?: Error) => {
			input.setRawMode(false);
			input.removeAllListeners('data');
			fs.writeSync(fd, '\n');
			input.destroy();
			if (error) {
				reject(error);
			} else {
				resolve(value);
			}
		};

		input.on('data', (chunk: Buffer) => {
			for (const character of chunk.toString('utf8')) {
				if (character === '\r' || character === '\n') {
					finish();
					return;
				}

				if (character === '\u0003') {
					finish(new Error('KeyboardInterrupt'));
					return;
				}

				if (character === '\u007F' || character === '\b') {
					value = value.slice(0, -1);
				} else if (character === '\u0004') {
					finish();
					return;
				} else {
					value += character;
				}
			}
		});
	});
}

/**
 * Python 2.7's getpass.getpass(): on /dev/tty without echo; without a terminal it warns and reads a
 * line from stdin, printing the prompt on stderr, exactly as Python's fallback_getpass does.
 */
export async function getpass(context: ShimContext, prompt = 'Password: '): Promise<string | undefined> {
	const typed = await fromTerminal(prompt);
	if (typed !== undefined) {
		return typed;
	}

	context.err('/usr/lib/python2.7/getpass.py:83: GetPassWarning: Can not control echo on the terminal.\n  passwd = fallback_getpass(prompt, stream)\nWarning: Password input may be echoed.\n');
	context.err(prompt);
	const line = await context.readLine();
	return line;
}
