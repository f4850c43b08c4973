import {shellQuote} from '../domain/shell-quote.js';

/** The prompt sudo prints when it asks for a password; unique, so the broker can recognise it. */
export const sudoPrompt = '[snf-upgrade] sudo password: ';

/** Sudo's answer to a wrong password (the broker fails the command on it rather than typing again). */
export const sudoRetryMessage = 'Sorry, try again.';

/**
 * How a command that needs root runs on a host:
 * - 'direct': the login user is root;
 * - 'sudo': sudo must not ask (`-n`): a password prompt fails at once with sudo's own message;
 * - 'sudo-password': sudo always asks (`-k -S`, the prompt on stderr), and the password is typed by the
 *   prompt broker from the sudoPassword answer. It is never put on a command line.
 */
export type RootMode = 'direct' | 'sudo' | 'sudo-password';

export function wrapAsRoot(commandLine: string, mode: RootMode): string {
	switch (mode) {
		case 'direct': {
			return commandLine;
		}

		case 'sudo': {
			return `sudo -n -- sh -c ${shellQuote(commandLine)}`;
		}

		case 'sudo-password': {
			return `sudo -k -S -p ${shellQuote(sudoPrompt)} -- sh -c ${shellQuote(commandLine)}`;
		}
	}
}
