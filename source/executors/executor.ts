import type {Host} from '../domain/inventory-types.js';

/** A piece of a running command's output. */
export interface OutputChunk {
	readonly stream: 'stdout' | 'stderr';
	readonly text: string;
}

/** The running command's input, handed to a prompt responder. */
export interface InputChannel {
	/** Types text into the command (stdin, or the pty). */
	write(text: string): void;
	/** Stops the command: it ends with outcome 'aborted' and this reason (e.g. "waiting for input: Password: "). */
	fail(reason: string): void;
}

/**
 * Watches a command's output and answers its prompts (the prompt broker implements this).
 * The executor calls start() once the command runs, onOutput() for every chunk, stop() when it ends.
 */
export interface PromptResponder {
	start(channel: InputChannel): void;
	onOutput(chunk: OutputChunk): void;
	stop(): void;
	/**
	 * Optional. The executor passes every chunk (after onOutput) through this before it reports or keeps
	 * it: the broker masks the secrets it types (a pty echoes them). It may hold back the start of a
	 * secret split across chunks; flushOutput() returns what is held, called once when the command ends.
	 */
	filterOutput?(chunk: OutputChunk): OutputChunk;
	flushOutput?(): readonly OutputChunk[];
}

export interface RunOptions {
	/** Text written to the command's stdin, then stdin is closed (not with pty). */
	readonly stdin?: string;
	/** Allocate a pseudo-terminal (stdout and stderr merge; needed for getpass-style prompts). */
	readonly pty?: boolean;
	/** Run through sudo when the host's login user is not root. */
	readonly asRoot?: boolean;
	/** False for commands that only read: a dry-run executor runs those and only prints the others. */
	readonly mutates?: boolean;
	readonly signal?: AbortSignal;
	/** "Abort now": once aborted, the command is killed at once (SIGKILL), without the grace period an abort of `signal` gives it. */
	readonly killSignal?: AbortSignal;
	/** Kill the command after this many milliseconds. */
	readonly timeoutMs?: number;
	readonly onOutput?: (chunk: OutputChunk) => void;
	/**
	 * Keep at most the last this many characters of each stream in the result (default: all of it), so
	 * that a command printing a million lines costs no memory here; onOutput still sees every chunk, and
	 * the result's outputCut says when stdout or stderr lost their beginning.
	 */
	readonly keepChars?: number;
	/**
	 * Answers the command's prompts. Stdin stays open for it only when no `stdin` text is given; with
	 * `stdin`, stdin is closed after that text (after the sudo password, when sudo asks for one).
	 */
	readonly prompts?: PromptResponder;
}

export interface CommandResult {
	/** null when the command was killed by a signal or its outcome is unknown. */
	readonly exitCode: number | null;
	readonly signal: string | null;
	readonly stdout: string;
	readonly stderr: string;
	/** Set when stdout or stderr hold only the end of a longer output (RunOptions.keepChars): not the whole evidence. */
	readonly outputCut?: true;
	/** 'unknown' when the connection dropped while the command ran: it may or may not have taken effect. */
	readonly outcome: 'completed' | 'timeout' | 'aborted' | 'unknown';
	/** Why the command did not complete (timeout, abort reason, unknown prompt, dropped connection). */
	readonly failure?: string;
}

/** A file as read from a host, with what is needed to write it back safely. */
export interface FileSnapshot {
	/** The file as the plan names it (a symlink's own name when it is one). */
	readonly path: string;
	/** The regular file read and written: path with every symlink resolved on the host (readlink -f). */
	readonly target: string;
	readonly text: string;
	/** sha256 hex of the content, checked again just before writing. */
	readonly sha256: string;
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
}

/** Runs commands and edits files on one host. The only way the rest of the program touches a host. */
export interface Executor {
	readonly host: Host;
	/** Runs a rendered POSIX shell command line. */
	run(commandLine: string, options?: RunOptions): Promise<CommandResult>;
	dispose(): Promise<void>;
}
