import type {Host} from '../domain/inventory-types.js';

/** A piece of a running command's output. */
export interface OutputChunk {
	readonly stream: 'stdout' | 'stderr';
	readonly text: string;
}

/** What the prompt broker is told about a command that went quiet with a prompt nobody knows. */
export interface UnknownPrompt {
	/** The last line of output, which looks like a question. */
	readonly tail: string;
}

export interface RunOptions {
	/** Text written to the command's stdin, then stdin is closed (not with pty). */
	readonly stdin?: string;
	/** Allocate a pseudo-terminal (stdout and stderr merge; needed for getpass-style prompts). */
	readonly pty?: boolean;
	/** Run through sudo when the host's login user is not root. */
	readonly asRoot?: boolean;
	readonly signal?: AbortSignal;
	/** Kill the command after this many milliseconds. */
	readonly timeoutMs?: number;
	readonly onOutput?: (chunk: OutputChunk) => void;
	/**
	 * Answers prompts as they appear: called with the output seen so far since the last answer;
	 * returns the text to type (a newline is added), or undefined.
	 */
	readonly answerPrompt?: (recentOutput: string) => string | undefined;
}

export interface CommandResult {
	/** null when the command was killed by a signal or its outcome is unknown. */
	readonly exitCode: number | null;
	readonly signal: string | null;
	readonly stdout: string;
	readonly stderr: string;
	/** 'unknown' when the connection dropped while the command ran: it may or may not have taken effect. */
	readonly outcome: 'completed' | 'timeout' | 'aborted' | 'unknown';
}

/** A file as read from a host, with what is needed to write it back safely. */
export interface FileSnapshot {
	readonly path: string;
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
