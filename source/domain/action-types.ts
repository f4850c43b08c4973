import type {Host} from './inventory-types.js';

/** One argument of a command: plain text, or the value of a secret answer (shown as •••• everywhere). */
export type Arg = string | SecretArg;

export interface SecretArg {
	/** The answer key the value comes from (for messages: "the value of vncPassword"). */
	readonly secret: string;
	readonly value: string;
}

/**
 * A program and its arguments, rendered with POSIX shell quoting; or a shell snippet the admin
 * wrote in an answer (such as the backup command template), run as written.
 */
export type Command =
	| {readonly argv: readonly Arg[]}
	/**
	 * `shown`: what plans and transcripts print instead of a long script (the settings program snf-upgrade
	 * feeds the host's Python): only for read-only checks (probes, guardrails), never for a runnable plan line.
	 */
	| {readonly script: string; readonly shown?: string};

/** What the executor runs: one command, or a pipeline, optionally with stdout sent to a file. */
export interface Shell {
	readonly pipeline: readonly Command[];
	/** Absolute path (already under the host's root) that receives stdout, as `> file`. */
	readonly stdoutTo?: string;
	/**
	 * One line fed on the command's stdin, then end of input: how a secret reaches a command without being
	 * on any command line (argv is readable by every local user in /proc and logged by auditd).
	 */
	readonly stdin?: Arg;
}

/** An expected prompt of a command and the answer the broker types. */
export interface PromptRule {
	/** JavaScript regular expression source matched against the tail of the output. */
	readonly match: string;
	readonly answer: Arg;
	/** What the prompt is, for the preview and the transcript ("Django's stale content types question"). */
	readonly description: string;
}

/** A Python value as written into a Synnefo settings file. */
export type PyValue =
	| string
	| number
	| boolean
	| null
	| SecretPyValue
	| {readonly tuple: readonly PyValue[]}
	| {readonly list: readonly PyValue[]}
	| {readonly dict: ReadonlyArray<readonly [string, PyValue]>};

export interface SecretPyValue {
	readonly secret: string;
	readonly value: string;
}

/** One change to a configuration file, as data (so it can be previewed, serialised and hashed). */
export type FileEdit =
	/** Set NAME = value in a Python settings file: replace the live assignment, else uncomment the shipped sample, else append. */
	| {readonly op: 'python-set'; readonly name: string; readonly value: PyValue}
	/** Comment out every live assignment of NAME in a Python settings file (no-op when there is none). */
	| {readonly op: 'python-comment-out'; readonly name: string}
	/** Set an attribute of the first element with this local name in an XML file, keeping every other byte. */
	| {readonly op: 'xml-set-attribute'; readonly element: string; readonly attribute: string; readonly value: string}
	/** Set NAME="value" in a shell variables file such as /etc/default/vncauthproxy (uncomment the sample, else append). */
	| {readonly op: 'shell-set'; readonly name: string; readonly value: string};

/** How a file is checked after it is written; a failed check restores the backup. */
export type FileValidation = 'python' | 'shibd' | 'none';

/** The verdict of reading a command's result. */
export interface Verdict {
	readonly ok: boolean;
	/** One line for the admin: what was found. */
	readonly detail: string;
	/**
	 * Set (with ok false) when the output is not the evidence the check reads: empty, another format,
	 * a failed or killed command. A probe then says "cannot tell", never "done" nor "to do".
	 */
	readonly cannotTell?: true;
}

/** The facts of a finished command that checks read. */
export interface CommandOutput {
	readonly exitCode: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

/** Runs a command on a host. */
export interface CommandAction {
	readonly kind: 'command';
	readonly host: Host;
	readonly shell: Shell;
	/** False for commands that only read; dry-run still runs those. */
	readonly mutates: boolean;
	/** Needs root: run through sudo when the host's login user is not root. */
	readonly asRoot: boolean;
	readonly prompts: readonly PromptRule[];
	/** Give the command a pseudo-terminal (for prompts that read from /dev/tty, such as getpass). */
	readonly pty: boolean;
	/** Optional check of the output after a zero exit code; a failed check fails the step. */
	readonly check?: (output: CommandOutput) => Verdict;
	/** Shown under the command in the preview: what it does, or a note from the facts. */
	readonly note?: string;
	/** Exit codes other than 0 that still mean success (none by default). */
	readonly okExitCodes?: readonly number[];
	/**
	 * How long the command may run before it is stopped and the step fails `unknown` (it may have taken
	 * effect). Default: time-limits.ts (long for package installs and migrations, generous otherwise).
	 */
	readonly timeLimitMinutes?: number;
	/** The command makes a backup (a database dump): listed, with its restore command, at the end of a run. */
	readonly backup?: BackupNote;
}

/** A backup a run made and how to put it back. */
export interface BackupNote {
	/** Absolute path on the host. */
	readonly file: string;
	/** The command that restores it, as the admin would type it on the host. */
	readonly restore: string;
}

/** Edits one file on a host: read, transform, show the diff, write atomically with a backup, validate. */
export interface EditAction {
	readonly kind: 'edit';
	readonly host: Host;
	/** Absolute path, already under the host's root. */
	readonly path: string;
	readonly edits: readonly FileEdit[];
	readonly validate: FileValidation;
	readonly note?: string;
}

export type Action = CommandAction | EditAction;

/** A read-only command whose output tells whether a step is already done on a host. */
export interface Probe {
	readonly host: Host;
	readonly shell: Shell;
	readonly asRoot: boolean;
	readonly isDone: (output: CommandOutput) => Verdict;
	/** What the probe looks for, for the preview ("pithos-view is registered and trusted"). */
	readonly description: string;
}

/**
 * A condition the runner asserts, read-only, before a step runs anywhere (e.g. gunicorn down before the
 * migrations): when it does not hold, the step fails with what was found and the fix, and nothing runs.
 */
export interface Guard {
	readonly host: Host;
	readonly shell: Shell;
	readonly asRoot: boolean;
	/** What must hold ("gunicorn is stopped on astakos"). */
	readonly description: string;
	readonly holds: (output: CommandOutput) => Verdict;
	/** What the admin does about it. */
	readonly fix: string;
	/**
	 * The check reads only this host's own files, which only a changing command on this host alters: once it
	 * held in a run, it still holds for a later step of the run while no changing command ran on the host
	 * since (read once per host, not once per step; the transcript says when it was read).
	 */
	readonly hostLocal?: boolean;
}
