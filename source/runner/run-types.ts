import type {BackupNote, FileEdit, FileValidation} from '../domain/action-types.js';
import type {Host} from '../domain/inventory-types.js';
import type {Facts, PlannedStep} from '../domain/plan-types.js';
import type {Redactor} from '../domain/redact.js';
import type {SectionInfo} from '../domain/sections.js';
import type {Executor, FileSnapshot} from '../executors/executor.js';
import type {Journal} from '../state/journal.js';
import type {Transcript} from '../state/transcript.js';
import type {RunEventListener, RunOutcome, RunSummary, StepRef} from './events.js';

/** What the runner asks before it changes anything. `--yes` answers every one with yes. */
export type ConfirmRequest =
	| {readonly kind: 'section'; readonly section: SectionInfo; readonly steps: readonly StepRef[]}
	/** A changing command (masked) or a file edit (its diff was just emitted). */
	| {readonly kind: 'action'; readonly step: StepRef; readonly host: string; readonly description: string}
	/** A step done earlier whose actions changed since, and that has no probe to tell whether it is still done. */
	| {readonly kind: 'rerun'; readonly step: StepRef; readonly host: string; readonly reason: string};

/** A prompt no rule answers: the answer to type, or undefined to fail the command. */
export interface QuestionRequest {
	readonly step: StepRef;
	readonly host: string;
	/** The tail of the output (redacted). */
	readonly prompt: string;
}

/** A host failed a step (its step-failed event has just been emitted): what the admin wants done. */
export interface FailureRequest {
	readonly step: StepRef;
	readonly host: string;
}

/** retry: run the host's step again; skip: record it skipped and go on; stop: the failure stands. */
export type FailureChoice = 'retry' | 'skip' | 'stop';

/** File edits through an executor (the real ones are executors/file-edit.ts). */
export interface EditOperations {
	read(executor: Executor, path: string, signal?: AbortSignal): Promise<FileSnapshot>;
	/** The new content (secrets revealed, to write) and the unified diff (secrets masked, to show). */
	preview(snapshot: FileSnapshot, edits: readonly FileEdit[]): {readonly text: string; readonly diff: string};
	/** Writes atomically with a backup, refusing if the file changed since it was read; validates. */
	write(executor: Executor, snapshot: FileSnapshot, text: string, validate: FileValidation, signal?: AbortSignal): Promise<EditWritten>;
}

export interface EditWritten {
	/** One line for the transcript. */
	readonly detail: string;
	/** The backup of the original and how to put it back; absent when nothing was written (dry run). */
	readonly backup?: BackupNote;
}

/** One executor per host. */
export interface ExecutorSource {
	get(host: Host): Executor;
}

export interface RunPlanOptions {
	/** The plan's steps in runbook order, already narrowed by --only/--skip. */
	readonly steps: readonly PlannedStep[];
	/** Renders a step again with the facts gathered just before it runs (domain renderStep). */
	readonly rerender?: (step: PlannedStep, facts: Facts) => PlannedStep;
	readonly executors: ExecutorSource;
	readonly journal: Journal;
	readonly transcript: Transcript;
	/** The one redactor: every text the runner emits, records or throws passes through it. */
	readonly redact: Redactor;
	/**
	 * Abort now: running commands are stopped (TERM, then KILL after a grace period), their steps
	 * recorded `unknown` (or `failed` when nothing had changed yet); no new command starts.
	 */
	readonly signal?: AbortSignal;
	/** Escalates an abort of `signal` (a second Ctrl+C): running commands are killed at once (SIGKILL). */
	readonly killSignal?: AbortSignal;
	/**
	 * Stop after the running commands: once it aborts no step or host starts, the running ones finish
	 * (with their verification), and the run ends 'interrupted' with the journal at a step boundary.
	 */
	readonly stopSignal?: AbortSignal;
	/** Asked per failed host (the wizard's failure screen); without it a failure stands, as in `run --yes`. */
	readonly onFailure?: (failure: FailureRequest) => Promise<FailureChoice>;
	readonly confirm: (request: ConfirmRequest) => Promise<boolean>;
	readonly question: (request: QuestionRequest) => Promise<string | undefined>;
	readonly onEvent: RunEventListener;
	readonly edits: EditOperations;
	/** Hosts at once in a step that runs on several (default 8). */
	readonly parallel?: number;
	/** Read-only commands run; changing ones and file writes are only shown; the journal is not written. */
	readonly dryRun?: boolean;
	/** Start at this step id: earlier steps are not looked at (the admin vouches for them). */
	readonly from?: string;
	readonly answersHash: string;
	/**
	 * Overrides every command's time limit and the wait before the "no output" notice, in milliseconds
	 * (tests and rehearsals; the CLI reads SNF_UPGRADE_TIME_LIMIT_SECONDS and SNF_UPGRADE_QUIET_NOTICE_SECONDS).
	 */
	readonly timeLimits?: {readonly limitMs?: number; readonly quietNoticeMs?: number};
	/**
	 * Registers every changing command on its host while it runs (a running/PID file in `directory`,
	 * see host-lock-script.ts), so a later run knows it may still be running after a dropped connection.
	 */
	readonly registerCommands?: {readonly run: string; readonly directory: (host: Host) => string};
	/** Typed when sudo asks for a password. */
	readonly sudoPassword?: string;
	/** How long a command must sit at an unknown prompt before it counts as waiting (prompt broker default otherwise). */
	readonly promptIdleMs?: number;
	readonly now?: () => Date;
}

export interface RunFailure {
	readonly step: string;
	readonly host: string;
	readonly message: string;
	/** What to do, when the failure knows better than "fix the cause, then run again" (e.g. only --from gets past it). */
	readonly hint?: string;
}

export interface RunResult {
	readonly outcome: RunOutcome;
	readonly summary: RunSummary;
	readonly failures: readonly RunFailure[];
}

/** Thrown inside the runner when the run's signal aborts; unwinds to runPlan. */
export class Interrupted extends Error {
	override readonly name = 'Interrupted';
}

/** Thrown when the admin declines a confirmation. */
export class Declined extends Error {
	override readonly name = 'Declined';
}

export function stepRef(step: PlannedStep): StepRef {
	return {id: step.id, title: step.title, section: step.section};
}
