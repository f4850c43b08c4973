import type {Arg, Command, Shell} from './action-types.js';

const safeWord = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one word for a POSIX shell so that it arrives byte-identical as one argument. */
export function shellQuote(word: string): string {
	if (safeWord.test(word)) {
		return word;
	}

	return `'${word.replaceAll("'", String.raw`'\''`)}'`;
}

/**
 * How secret arguments are shown: masked for every output, revealed only for the executor, as a reference
 * to a shell variable in the sh plan (`"${SNF_PITHOS_OAUTH_SECRET:?set SNF_PITHOS_OAUTH_SECRET}"`), and
 * `clear`: the line the admin sees with the secrets in it (the wizard's preview on the admin's key, screen only).
 */
export type SecretMode = 'mask' | 'reveal' | 'reference' | 'clear';

export const secretMask = '••••';

/** The shell variable that holds a secret answer in the sh plan: SNF_ and the key in UPPER_SNAKE (pithosOauthSecret → SNF_PITHOS_OAUTH_SECRET). */
export const secretVariable = (key: string): string => `SNF_${key.replaceAll(/([a-z\d])([A-Z])/g, '$1_$2').toUpperCase()}`;

/** A secret as the sh plan writes it: the variable's value, and a stop with a message naming it when it is not set. */
export function secretReference(key: string): string {
	const name = secretVariable(key);
	return `"\${${name}:?set ${name}}"`;
}

function renderArg(arg: Arg, mode: SecretMode): string {
	if (typeof arg === 'string') {
		return shellQuote(arg);
	}

	if (mode === 'reference') {
		return secretReference(arg.secret);
	}

	return mode === 'reveal' || mode === 'clear' ? shellQuote(arg.value) : secretMask;
}

export function renderCommand(command: Command, mode: SecretMode): string {
	if ('script' in command) {
		return mode === 'reveal' ? command.script : (command.shown ?? command.script);
	}

	return command.argv.map(arg => renderArg(arg, mode)).join(' ');
}

/** The pipeline and its redirection, without the stdin line. */
export function renderPipeline(shell: Shell, mode: SecretMode): string {
	const line = shell.pipeline.map(command => renderCommand(command, mode)).join(' | ');
	return shell.stdoutTo === undefined ? line : `${line} > ${shellQuote(shell.stdoutTo)}`;
}

/** How the admin sees a stdin line: `printf '%s\n' •••• | ` (secrets masked, or referenced in the sh plan), or '' when there is none. */
export const maskedStdinPipe = (shell: Shell, mode: Exclude<SecretMode, 'reveal'> = 'mask'): string => (shell.stdin === undefined ? '' : `printf '%s\\n' ${renderArg(shell.stdin, mode)} | `);

/**
 * The exact command line the executor runs (reveal) or the admin sees (mask). The admin sees a stdin line as
 * `printf '%s\n' •••• | …`; the executor's line never holds it: the executor feeds it (shellStdin()).
 */
export function renderShell(shell: Shell, mode: SecretMode): string {
	return mode === 'reveal' ? renderPipeline(shell, mode) : `${maskedStdinPipe(shell, mode)}${renderPipeline(shell, mode)}`;
}

/** What the executor writes on the command's stdin (the stdin line and its newline), or undefined. */
export function shellStdin(shell: Shell): string | undefined {
	if (shell.stdin === undefined) {
		return undefined;
	}

	return `${typeof shell.stdin === 'string' ? shell.stdin : shell.stdin.value}\n`;
}
