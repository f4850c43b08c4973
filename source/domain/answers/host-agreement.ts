import type {AnswerSpec, AnswerValue, Answers} from '../answer-types.js';
import {answerSpecs} from '../answers-schema.js';
import type {HostDefaults} from './host-defaults.js';
import type {HostObservation, HostValues} from './host-values.js';

/** Values compared as the deployment uses them: URLs without trailing slashes, text trimmed, lists in order. */
function comparable(spec: AnswerSpec, value: AnswerValue): string {
	if (Array.isArray(value)) {
		return JSON.stringify(value.map(item => String(item).trim()));
	}

	const text = String(value).trim();
	return spec.type === 'url' ? text.replace(/\/+$/, '') : text;
}

const shown = (value: AnswerValue) => (Array.isArray(value) ? `[${value.join(', ')}]` : typeof value === 'string' ? `'${value}'` : String(value));

/** Two hosts that should agree on a value (ASTAKOS_BASE_URL on Cyclades and Pithos) and do not. */
export interface HostsDisagree {
	readonly key: string;
	readonly observations: readonly HostObservation[];
	readonly message: string;
}

/** A given answer that differs from what the deployment says. */
export interface AnswerDisagreement {
	readonly key: string;
	/** refuse: run refuses and check FAILs; warn: plan and check warn. */
	readonly severity: 'refuse' | 'warn';
	readonly answer: AnswerValue;
	readonly host: HostObservation;
	readonly message: string;
}

function byKey(values: HostValues): Map<string, HostObservation[]> {
	const keyed = new Map<string, HostObservation[]>();
	for (const observation of values.observations) {
		keyed.set(observation.key, [...(keyed.get(observation.key) ?? []), observation]);
	}

	return keyed;
}

const specOf = (specs: readonly AnswerSpec[], key: string) => specs.find(spec => spec.key === key)!;

/** Keys whose hosts disagree among themselves: no default can be taken from them. */
export function hostsDisagree(values: HostValues, specs: readonly AnswerSpec[] = answerSpecs): HostsDisagree[] {
	return [...byKey(values)].flatMap(([key, observations]) => {
		const spec = specOf(specs, key);
		const distinct = new Set(observations.map(observation => comparable(spec, observation.value)));
		if (distinct.size <= 1) {
			return [];
		}

		const listed = observations.map(observation => `${shown(observation.value)} (${observation.source})`).join(' but ');
		return [{key, observations, message: `${key}: the hosts disagree: ${listed}`}];
	});
}

/** Every answer the hosts agree on, with the source text ("…; the same on pithos"). */
export function hostDefaultsFrom(values: HostValues, specs: readonly AnswerSpec[] = answerSpecs): HostDefaults {
	const disagreeing = new Set(hostsDisagree(values, specs).map(entry => entry.key));
	const defaults = new Map<string, {readonly value: AnswerValue; readonly source: string}>();
	for (const [key, observations] of byKey(values)) {
		if (!disagreeing.has(key)) {
			const [first, ...others] = observations;
			const also = others.length === 0 ? '' : `; the same on ${others.map(other => other.host).join(', ')}`;
			defaults.set(key, {value: first!.value, source: `${first!.source}${also}`});
		}
	}

	return defaults;
}

/**
 * Given answers that differ from the deployment, for keys whose `fromHost` says a difference matters
 * (refuse or warn): one entry per host that differs, naming both values and where each came from.
 */
export function answerDisagreements(given: Answers, values: HostValues, specs: readonly AnswerSpec[] = answerSpecs): AnswerDisagreement[] {
	return values.observations.flatMap(observation => {
		const spec = specOf(specs, observation.key);
		const severity = spec.fromHost?.onDisagreement;
		if (!Object.hasOwn(given, observation.key) || severity === undefined || severity === 'default') {
			return [];
		}

		const answer = given[observation.key]!;
		if (comparable(spec, answer) === comparable(spec, observation.value)) {
			return [];
		}

		const message = `${observation.key}: your answer is ${shown(answer)} (answers file, saved answers or --set) but ${observation.source} says ${shown(observation.value)}`;
		return [{key: observation.key, severity, answer, host: observation, message}];
	});
}
