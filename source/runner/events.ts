import type {SectionInfo} from '../domain/sections.js';

/** The step an event is about. */
export interface StepRef {
	readonly id: string;
	readonly title: string;
	readonly section: SectionInfo;
}

/** How a run ended. */
export type RunOutcome = 'done' | 'failed' | 'interrupted' | 'declined';

export interface RunSummary {
	/** Step × host cells that ran (actions executed) in this run. */
	readonly ran: number;
	/** Cells found done (journal or probe) and left alone. */
	readonly alreadyDone: number;
	readonly skipped: number;
	readonly failed: number;
}

/**
 * What the runner reports while it runs. Every text in an event is already redacted.
 * The interactive UI and the line printer both listen to these; the runner knows nothing of either.
 */
export type RunEvent =
	| {readonly type: 'section-started'; readonly section: SectionInfo}
	/** A step is next, on these hosts (before the journal and probes decide which of them it must run on). */
	| {readonly type: 'step-planned'; readonly step: StepRef; readonly hosts: readonly string[]}
	| {readonly type: 'step-started'; readonly step: StepRef; readonly host: string}
	/** A command about to run (masked). `skipped`: dry run, a changing command that is only printed. */
	| {readonly type: 'command'; readonly step: StepRef; readonly host: string; readonly command: string; readonly mutates: boolean; readonly skipped: boolean}
	/**
	 * Whole lines of a command's output joined by '\n', one or more (a piece of what arrived); a line longer than longLineChars
	 * comes in pieces, see output-lines.ts. `replacesLast`: the first line is a redraw of the last line of this host's stream,
	 * which a lone CR ended (a progress bar): a screen shows it in that line's place; a log may print both.
	 */
	| {readonly type: 'output'; readonly step: StepRef; readonly host: string; readonly stream: 'stdout' | 'stderr'; readonly text: string; readonly replacesLast?: boolean}
	/** A known prompt answered from the answers ("answered 'y' to the re-register question"); a secret answer is named, never shown. */
	| {readonly type: 'prompt-answered'; readonly step: StepRef; readonly host: string; readonly description: string; readonly answer: string}
	/** A command is waiting for input that no rule answers. */
	| {readonly type: 'prompt-waiting'; readonly step: StepRef; readonly host: string; readonly prompt: string}
	/** The change an edit makes, as a unified diff (secrets masked); `skipped` in a dry run. */
	| {readonly type: 'diff'; readonly step: StepRef; readonly host: string; readonly path: string; readonly diff: string; readonly skipped: boolean}
	| {readonly type: 'step-done'; readonly step: StepRef; readonly host: string; readonly detail: string}
	/** Not run: already done (journal or probe), does not apply, or declined. */
	| {readonly type: 'step-skipped'; readonly step: StepRef; readonly host: string; readonly reason: string; readonly alreadyDone: boolean}
	| {readonly type: 'step-failed'; readonly step: StepRef; readonly host: string; readonly message: string; readonly exitCode?: number | null; readonly outputTail?: string; readonly hint?: string}
	/** A backup a step made (a database dump, the original of an edited file), with the command that restores it. */
	| {readonly type: 'backup-made'; readonly step: StepRef; readonly host: string; readonly file: string; readonly restore: string}
	/** Something the admin should read that is not a step result (recovery after a crash, dry-run warnings). */
	| {readonly type: 'notice'; readonly text: string}
	/** `dryRun`: nothing was changed, and a failure may be only because the earlier changes were not made. */
	| {readonly type: 'run-finished'; readonly outcome: RunOutcome; readonly summary: RunSummary; readonly dryRun?: boolean};

export type RunEventListener = (event: RunEvent) => void;
