import {answerSpecs} from '../domain/answers-schema.js';
import {answerDisagreements, hostDefaultsFrom, hostsDisagree} from '../domain/answers/host-agreement.js';
import type {HostValues} from '../domain/answers/host-values.js';
import {resolveAnswers, type ResolvedAnswers} from '../domain/answers/resolve-answers.js';
import type {Answers} from '../domain/answer-types.js';
import {InputError} from '../domain/errors.js';
import type {Inventory} from '../domain/inventory-types.js';
import {readHostValues} from '../readers/host-defaults.js';
import type {ExecutorSource} from '../runner/run-types.js';

const refusing = new Set(answerSpecs.filter(spec => spec.fromHost?.onDisagreement === 'refuse').map(spec => spec.key));

/** What the answers become once the hosts are read. */
export interface DeploymentAnswers {
	/** given → read from the hosts → derived → default. */
	readonly resolved: ResolvedAnswers;
	/** Answers that differ from the hosts where that is worth a warning (shibbolethEnabled). */
	readonly warnings: readonly string[];
	/** Host values that could not be read, for a "missing answer" message. */
	readonly problems: readonly string[];
}

/**
 * The conflicts that stop a run before anything changes: a given answer that differs from a fact of
 * the deployment (ASTAKOS_BASE_URL in force, PITHOS_BASE_URL, the UI URLs), or hosts that disagree on one.
 */
export function refusals(given: Answers, values: HostValues): string[] {
	const answers = answerDisagreements(given, values).filter(entry => entry.severity === 'refuse').map(entry => entry.message);
	const hosts = hostsDisagree(values).filter(entry => refusing.has(entry.key)).map(entry => entry.message);
	return [...answers, ...hosts];
}

/**
 * Reads the hosts (read-only) and resolves the answers with their values: without an answer the host's
 * value is used; an answer that contradicts the deployment is refused (InputError, exit 2) naming both
 * values and where each came from, before anything on any host has changed.
 */
export async function answersFromDeployment(input: {
	readonly answers: Answers;
	readonly resolved: ResolvedAnswers;
	readonly inventory: Inventory;
	readonly executors: ExecutorSource;
	readonly parallel: number;
	readonly signal?: AbortSignal;
	readonly sudoPassword?: string;
}): Promise<DeploymentAnswers> {
	const {values} = await readHostValues({
		inventory: input.inventory,
		executors: input.executors,
		answers: input.resolved,
		parallel: input.parallel,
		...(input.signal === undefined ? {} : {signal: input.signal}),
		...(input.sudoPassword === undefined ? {} : {sudoPassword: input.sudoPassword}),
	});
	const refused = refusals(input.answers, values);
	if (refused.length > 0) {
		throw new InputError(
			`run: the answers contradict the deployment; nothing was changed:\n  ${refused.join('\n  ')}`,
			'Leave the answer out to use the value the hosts have, or make the hosts and your answers agree, then run again (snf-upgrade check shows every difference).',
		);
	}

	const warnings = answerDisagreements(input.answers, values).filter(entry => entry.severity === 'warn').map(entry => `warning: ${entry.message}`);
	return {
		resolved: resolveAnswers(input.answers, answerSpecs, hostDefaultsFrom(values)),
		warnings,
		problems: values.problems.map(problem => `${problem.key}: ${problem.problem}`),
	};
}
