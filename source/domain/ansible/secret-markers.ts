import {answerSpecs} from '../answers-schema.js';
import type {ResolvedAnswers} from '../answers/resolve-answers.js';
import {secretMarker} from './ansible-tasks.js';

const secretKeys = new Set(answerSpecs.filter(spec => spec.type === 'secret').map(spec => spec.key));

/**
 * The answers with every secret replaced by its marker: the plan the export renders from never holds a secret,
 * and the renderer turns each marker into the playbook variable that holds it.
 */
export function withSecretMarkers(answers: ResolvedAnswers): ResolvedAnswers {
	return {
		get: key => (secretKeys.has(key) ? secretMarker(key) : answers.get(key)),
		source: key => (secretKeys.has(key) ? 'given' : answers.source(key)),
		missingRequired: () => answers.missingRequired().filter(key => !secretKeys.has(key)),
		missingGenerated: () => [],
		values: () => ({...answers.values(), ...Object.fromEntries([...secretKeys].map(key => [key, secretMarker(key)]))}),
	};
}
