import type {AnswerValue, Answers} from '../answer-types.js';
import {answerSpecs} from '../answers-schema.js';
import {InputError} from '../errors.js';
import {envNamePattern, findSpec, listKeysHint, unknownKeyMessage} from './spec-index.js';
import {describeGiven, parseAnswerText} from './answer-text.js';

type Env = Readonly<Record<string, string | undefined>>;

function secretFromEnv(key: string, value: string, env: Env): string {
	const variable = /^env:(.*)$/.exec(value)?.[1];
	if (variable === undefined) {
		throw new InputError(
			`--set ${key}: a secret is not taken as a literal value (it would show in ps and in the shell history)`,
			`Export it and write --set ${key}=env:VARIABLE_NAME, or put {"fromEnv": "VARIABLE_NAME"} in the answers file.`,
		);
	}

	if (!envNamePattern.test(variable)) {
		throw new InputError(`--set ${key}=env:${variable}: expected an environment variable name after env:`);
	}

	const secret = env[variable];
	if (secret === undefined) {
		throw new InputError(`--set ${key}=env:${variable}: the environment variable ${variable} is not set`, `Export ${variable} before running snf-upgrade.`);
	}

	return secret;
}

/**
 * Applies --set KEY=VALUE flags over `answers` (later flags win). Values are text, parsed per type:
 * lists comma-separated (empty = empty list), booleans true/false/yes/no/1/0, integers.
 * Secrets only as KEY=env:NAME.
 */
export function applySetFlags(answers: Answers, sets: readonly string[], env: Env): Answers {
	const result: Record<string, AnswerValue> = {...answers};
	for (const set of sets) {
		const equals = set.indexOf('=');
		if (equals <= 0) {
			throw new InputError(`--set ${set}: expected KEY=VALUE`, 'For example --set vncServerPort=24999; ' + listKeysHint);
		}

		const key = set.slice(0, equals);
		const text = set.slice(equals + 1);
		const spec = findSpec(key, answerSpecs);
		if (!spec) {
			throw new InputError(`--set ${key}: ${unknownKeyMessage(key, answerSpecs)}`, listKeysHint);
		}

		const value = spec.type === 'secret' ? secretFromEnv(key, text, env) : text;
		const parsed = parseAnswerText(spec, value);
		if (!parsed.ok) {
			const shown = spec.type === 'secret' ? `${key}=${text}` : set;
			throw new InputError(`--set ${shown}: expected ${parsed.expected}, got ${describeGiven(spec, value)}`);
		}

		result[key] = parsed.value;
	}

	return result;
}
