import type {AnswerSpec, AnswerValue, Answers} from '../answer-types.js';
import {answerSpecs} from '../answers-schema.js';
import {documentError, isPlainObject, typeName} from './document-error.js';
import {envNamePattern, findSpec, listKeysHint, unknownKeyMessage} from './spec-index.js';
import {describeGiven} from './answer-text.js';
import {validateAnswer} from './validate-answer.js';

type Env = Readonly<Record<string, string | undefined>>;

/** {"fromEnv": "NAME"} → the variable's value; only for secrets. */
function fromEnv(spec: AnswerSpec, raw: Readonly<Record<string, unknown>>, env: Env, fileName: string, path: string): string {
	const names = Object.keys(raw);
	if (spec.type !== 'secret') {
		throw documentError(fileName, path, `expected a ${spec.type}, got an object ({"fromEnv": …} is only for secret answers)`);
	}

	const variable = raw.fromEnv;
	if (names.length !== 1 || typeof variable !== 'string' || !envNamePattern.test(variable)) {
		throw documentError(fileName, path, 'expected the secret as a text or as {"fromEnv": "VARIABLE_NAME"}');
	}

	const value = env[variable];
	if (value === undefined) {
		throw documentError(fileName, path, `the environment variable ${variable} is not set`, `Export ${variable} before running snf-upgrade, or give ${spec.key} another way.`);
	}

	return value;
}

/** The `answers` object of an answers document: every key known, every value valid. */
export function parseAnswersSection(raw: unknown, fileName: string, env: Env, specs: readonly AnswerSpec[] = answerSpecs): Answers {
	if (!isPlainObject(raw)) {
		throw documentError(fileName, 'answers', `expected an object of answers by key, got ${typeName(raw)}`);
	}

	const answers: Record<string, AnswerValue> = {};
	for (const [key, given] of Object.entries(raw)) {
		const path = `answers.${key}`;
		const spec = findSpec(key, specs);
		if (!spec) {
			throw documentError(fileName, path, unknownKeyMessage(key, specs), listKeysHint);
		}

		const usesEnv = isPlainObject(given) && 'fromEnv' in given;
		const value = usesEnv ? fromEnv(spec, given, env, fileName, path) : given;
		const result = validateAnswer(spec, value);
		if (!result.ok) {
			const source = usesEnv ? ` (from $${String(given.fromEnv)})` : '';
			const hint = given === null ? 'Leave the key out to leave it unset.' : undefined;
			throw documentError(fileName, `${path}${source}`, `expected ${result.expected}, got ${describeGiven(spec, value)}`, hint);
		}

		answers[key] = result.value;
	}

	return answers;
}
