import type {AnswerValue} from '../answer-types.js';

/**
 * A value read from the deployment for an answer key: what the host says and where it was read
 * (e.g. "ASTAKOS_BASE_URL in force on cyclades, set in /etc/synnefo/20-snf-cyclades-app-api.conf").
 * The host readers produce these; the wizard shows them as defaults, `check` and `run` compare
 * given answers with them.
 */
export interface HostValue {
	readonly value: AnswerValue;
	readonly source: string;
}

/** Answer key → the value read from the hosts. Keys that could not be read are absent. */
export type HostDefaults = ReadonlyMap<string, HostValue>;
