import type {AnswersDocument} from '../answers-document.js';
import type {SandboxState} from '../state-types.js';

export interface Check {
	readonly name: string;
	readonly ok: boolean;
	/** What was found (shown for a failure); never a secret value. */
	readonly detail: string;
}

export interface VerifyInput {
	readonly directory: string;
	readonly state: SandboxState;
	/** The answers written at creation (DIR/answers.json), for the values an upgrade chooses (secrets, stats URL). */
	readonly answers: AnswersDocument['answers'];
	/** What the deployment was created with (layout.ts): the expectations of values the upgrade must take from it, never from answers. */
	readonly deployment: {readonly astakosBaseUrl: string; readonly pithosBaseUrl: string};
}

export const check = (name: string, ok: boolean, detail: string): Check => ({name, ok, detail});

export const withoutSlash = (url: string) => url.replace(/\/+$/, '');
