import type {HostReader} from './deployment-reading.js';
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
	/** Where the default can be read from the deployment (host-values.ts turns the readings into defaults). */
	readonly fromHost?: FromHost;
}

/** Which host reader gives an answer its default, and what a different answer means. */
export interface FromHost {
	/** Read on the host of each of these roles (a role without a host, e.g. no stats host, is passed over); all must agree. */
	readonly roles: readonly Role[];
	readonly reader: HostReader;
	/** What the reader reads: the setting name, component name, resource name, attribute or network-list field. */
	readonly key: string;
	/** A boolean answer: true when the list read contains this item (e.g. 'shibboleth' in ASTAKOS_IM_MODULES). */
	readonly contains?: string;
	/** Settings only: the code default that holds when no file sets the key (e.g. ASTAKOS_IM_MODULES = ['local']). */
	readonly codeDefault?: AnswerValue;
	/** Settings only: when no file sets `key`, read this one with `suffix` removed (ASTAKOS_AUTH_URL - /identity/v2.0, once the upgrade has replaced ASTAKOS_BASE_URL). */
	readonly fallback?: {readonly key: string; readonly suffix: string};
	/**
	 * A given answer that differs from the host: 'refuse' (a fact about the deployment: run refuses, check
	 * FAILs), 'warn' (plan and check warn), 'default' (the host's value is only the default, e.g. a quota to change).
	 */
	readonly onDisagreement: 'refuse' | 'warn' | 'default';
	/** For the admin: what is read. */
	readonly what: string;
}
