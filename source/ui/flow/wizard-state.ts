import type {QuestionNeed} from '../../domain/answers/sudo-password-need.js';
import type {NotRunReason} from '../../domain/exit-codes.js';
import type {SectionId} from '../../domain/sections.js';

/** Where a section stands, from the journal (or the admin's choice to skip it). */
export type SectionState = 'done' | 'to do' | 'skipped' | 'failed' | 'unknown';

/** One runbook section as the wizard walks it. */
export interface SectionEntry {
	readonly id: SectionId;
	readonly number: string;
	readonly title: string;
	/** May be left out with one key (the choice is saved). */
	readonly skippable: boolean;
	/** Answer keys asked in this section, in order. */
	readonly questions: readonly string[];
}

export type Screen =
	| {readonly kind: 'welcome'}
	| {readonly kind: 'inventory'}
	| {readonly kind: 'intro'; readonly section: number}
	| {readonly kind: 'question'; readonly section: number; readonly question: number}
	| {readonly kind: 'preview'; readonly section: number}
	| {readonly kind: 'run'; readonly section: number; readonly stepMode: boolean}
	| {readonly kind: 'summary'}
	/** `finished`: every section was done or skipped when the admin left (the walk ran to its end). */
	| {readonly kind: 'exit'; readonly code: number; readonly finished?: true};

/** How the wizard ended: its exit code, and whether the walk ran to its end (every section done or skipped). */
export interface WizardEnd {
	readonly code: number;
	readonly finished: boolean;
}

/** How the walk goes on after the questions: 'walk' previews and runs each section, 'review' only revisits answers. */
export type WalkMode = 'walk' | 'review';

export interface WizardState {
	readonly screen: Screen;
	readonly sections: readonly SectionEntry[];
	readonly states: Readonly<Partial<Record<SectionId, SectionState>>>;
	readonly mode: WalkMode;
	/** How the last run of a section ended (why it started nothing, when it did not), for the exit code. */
	readonly lastOutcome?: 'done' | 'failed' | 'interrupted' | 'declined' | NotRunReason;
	/** Questions asked only when the hosts need them (the sudo password): a key found 'not needed' is passed over; absent: asked. */
	readonly needs: Readonly<Record<string, QuestionNeed>>;
}

export type WizardAction =
	/** Welcome: where to go. */
	| {readonly type: 'choose'; readonly choice: 'resume' | 'review' | 'beginning' | 'inventory'}
	/** A new deployment (a fresh rehearsal sandbox, or the inventory saved): its sections and their states. */
	| {readonly type: 'deployment'; readonly sections: readonly SectionEntry[]; readonly states: WizardState['states']}
	/** The sections' states read again (the journal found to be other machines'); the screen stays. */
	| {readonly type: 'states'; readonly states: WizardState['states']}
	| {readonly type: 'inventory-done'}
	/** The current screen is finished (an answer saved, the intro read): on to the next. */
	| {readonly type: 'next'}
	/** Esc: one screen back; answers are kept. */
	| {readonly type: 'back'}
	/** Leave an optional section out (saved by the caller). */
	| {readonly type: 'skip-section'}
	| {readonly type: 'run'; readonly stepMode: boolean}
	/** `notRun`: the run started nothing (its outcome is 'failed'), and why. */
	| {readonly type: 'run-finished'; readonly outcome: 'done' | 'failed' | 'interrupted' | 'declined'; readonly state: SectionState; readonly notRun?: NotRunReason}
	/** What reading the hosts found about a question asked only when needed; on its screen, 'not needed' moves on. */
	| {readonly type: 'need'; readonly key: string; readonly need: QuestionNeed}
	| {readonly type: 'summary'}
	| {readonly type: 'quit'};
