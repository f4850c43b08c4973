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
	readonly answers: AnswersDocument['answers'];
}

export const check = (name: string, ok: boolean, detail: string): Check => ({name, ok, detail});

export const withoutSlash = (url: string) => url.replace(/\/+$/, '');
