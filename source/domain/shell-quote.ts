import type {Arg, Command, Shell} from './action-types.js';

const safeWord = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one word for a POSIX shell so that it arrives byte-identical as one argument. */
export function shellQuote(word: string): string {
	if (safeWord.test(word)) {
		return word;
	}

	return `'${word.replaceAll("'", String.raw`'\''`)}'`;
}

/** How secret arguments are shown: masked for every output, revealed only for the executor. */
export type SecretMode = 'mask' | 'reveal';

export const secretMask = '••••';

function renderArg(arg: Arg, mode: SecretMode): string {
	if (typeof arg === 'string') {
		return shellQuote(arg);
	}

	return mode === 'reveal' ? shellQuote(arg.value) : secretMask;
}

export function renderCommand(command: Command, mode: SecretMode): string {
	if ('script' in command) {
		return command.script;
	}

	return command.argv.map(arg => renderArg(arg, mode)).join(' ');
}

/** The exact command line the executor runs (reveal) or the admin sees (mask). */
export function renderShell(shell: Shell, mode: SecretMode): string {
	const line = shell.pipeline.map(command => renderCommand(command, mode)).join(' | ');
	return shell.stdoutTo === undefined ? line : `${line} > ${shellQuote(shell.stdoutTo)}`;
}
