import {hostDefaultsFrom} from '../domain/answers/host-agreement.js';
import type {HostDefaults} from '../domain/answers/host-defaults.js';
import {hostValuesFrom, type HostValues} from '../domain/answers/host-values.js';
import type {AnswerValue} from '../domain/answer-types.js';
import type {DeploymentReading} from '../domain/deployment-reading.js';
import type {Inventory} from '../domain/inventory-types.js';
import type {ExecutorSource} from '../runner/run-types.js';
import {readDeployment} from './read-deployment.js';

export interface HostDefaultsInput {
	readonly inventory: Inventory;
	/** One executor per host (runner/executor-pool.ts); the caller disposes of them. */
	readonly executors: ExecutorSource;
	/** Only settingsDir and shibbolethConfig are used (where to read); their schema defaults otherwise. */
	readonly answers?: {get(key: string): AnswerValue | undefined};
	readonly sudoPassword?: string;
	readonly parallel?: number;
	readonly signal?: AbortSignal;
}

/** The readings and what they say about each answer with `fromHost`. */
export interface HostAnswerValues {
	readonly reading: DeploymentReading;
	readonly values: HostValues;
}

/** Reads the hosts (read-only) and turns the readings into per-host answer values. */
export async function readHostValues(input: HostDefaultsInput): Promise<HostAnswerValues> {
	const reading = await readDeployment(input);
	return {reading, values: hostValuesFrom(reading, input.inventory)};
}

/**
 * Every answer that can be read from the hosts, with its value and where it was read ("ASTAKOS_BASE_URL
 * in force on cyclades, set in /etc/synnefo/20-snf-cyclades-app-api.conf; the same on pithos"). Keys
 * that could not be read, or on which the hosts disagree, are absent. Read-only; never throws for a
 * host that does not answer (that key is just absent).
 */
export async function readHostDefaults(input: HostDefaultsInput): Promise<HostDefaults> {
	const {values} = await readHostValues(input);
	return hostDefaultsFrom(values);
}
