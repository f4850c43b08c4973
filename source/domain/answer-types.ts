import type {Role} from './inventory-types.js';
import type {SectionId} from './sections.js';

export type AnswerType =
	| 'string'
	| 'url'
	| 'path'
	| 'secret'
	| 'integer'
	| 'boolean'
	| 'list'
	| 'quota'
	| 'choice';

export type AnswerValue = string | number | boolean | readonly string[];

/** A partial set of answers, as given (file, --set, saved); keys are AnswerSpec keys. */
export type Answers = Readonly<Record<string, AnswerValue>>;

/** One value the runbook needs. The same spec drives the prompts, the answers file, --set and `answers --list`. */
export interface AnswerSpec {
	readonly key: string;
	readonly type: AnswerType;
	/** The section that uses it ('general' for paths and access used everywhere). */
	readonly section: SectionId | 'general';
	/** One line for `answers --list` and the prompt. */
	readonly description: string;
	/** The runbook's default. */
	readonly default?: AnswerValue;
	/** A default computed from other answers (e.g. ASTAKOS_AUTH_URL = base + identity/v2.0). */
	readonly derive?: (get: (key: string) => AnswerValue | undefined) => AnswerValue | undefined;
	/** Allowed values for 'choice'; suggestions shown for 'string'. */
	readonly choices?: readonly string[];
	/** Extra rule: a regular expression the whole value must match, and what is expected in words. */
	readonly pattern?: {readonly regex: string; readonly expected: string};
	readonly min?: number;
	readonly max?: number;
	/** A secret that snf-upgrade may generate (random) when the admin does not give one. */
	readonly generate?: boolean;
	/** May stay unset: the steps that use it then do less (documented in the description). */
	readonly optional?: boolean;
	/** Where the default can be read from the deployment (the probes fill it in). */
	readonly fromHost?: {readonly role: Role; readonly what: string};
}
