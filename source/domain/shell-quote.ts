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

/** The pipeline and its redirection, without the stdin line. */
export function renderPipeline(shell: Shell, mode: SecretMode): string {
	const line = shell.pipeline.map(command => renderCommand(command, mode)).join(' | ');
	return shell.stdoutTo === undefined ? line : `${line} > ${shellQuote(shell.stdoutTo)}`;
}

/** How the admin sees a stdin line: `printf '%s\n' •••• | ` (secrets masked), or '' when there is none. */
export const maskedStdinPipe = (shell: Shell): string => (shell.stdin === undefined ? '' : `printf '%s\\n' ${renderArg(shell.stdin, 'mask')} | `);

/**
 * The exact command line the executor runs (reveal) or the admin sees (mask). The admin sees a stdin line as
 * `printf '%s\n' •••• | …`; the executor's line never holds it: the executor feeds it (shellStdin()).
 */
export function renderShell(shell: Shell, mode: SecretMode): string {
	return mode === 'mask' ? `${maskedStdinPipe(shell)}${renderPipeline(shell, mode)}` : renderPipeline(shell, mode);
}

/** What the executor writes on the command's stdin (the stdin line and its newline), or undefined. */
export function shellStdin(shell: Shell): string | undefined {
	if (shell.stdin === undefined) {
		return undefined;
	}

	return `${typeof shell.stdin === 'string' ? shell.stdin : shell.stdin.value}\n`;
}
