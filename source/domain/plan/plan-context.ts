import type {SecretArg, SecretPyValue} from '../action-types.js';
import type {AnswerSpec, AnswerValue} from '../answer-types.js';
import {answerSpecs} from '../answers-schema.js';
import type {Host, Inventory} from '../inventory-types.js';
import type {Facts, PlanContext} from '../plan-types.js';

/** What a plan is rendered from: resolved answers (anything with get), hosts and the facts gathered so far. */
export interface PlanInput {
	readonly answers: {get(key: string): AnswerValue | undefined};
	readonly inventory: Inventory;
	readonly facts?: Facts;
}

/** A PlanContext that remembers every placeholder it rendered. */
export interface RecordingPlanContext extends PlanContext {
	/** Placeholder names rendered so far, in first-use order, each once. */
	readonly recorded: () => readonly string[];
	/** A fresh context over the same input, with nothing recorded (one per step). */
	readonly fork: () => RecordingPlanContext;
}

const specsByKey = new Map<string, AnswerSpec>(answerSpecs.map(spec => [spec.key, spec]));

/** `<name>`: how a missing answer or fact appears in commands and edits. */
export const placeholder = (name: string) => `<${name}>`;

/** Places an absolute path under the host's filesystem root (local sandbox hosts have one; real hosts have ''). */
export function hostPath(host: Host, absolutePath: string): string {
	if (host.target.kind !== 'local' || host.target.root === '') {
		return absolutePath;
	}

	return `${host.target.root.replace(/\/+$/, '')}${absolutePath.startsWith('/') ? '' : '/'}${absolutePath}`;
}

export function createPlanContext(input: PlanInput): RecordingPlanContext {
	const recorded: string[] = [];
	const facts = input.facts ?? {};
	const missing = (name: string): string => {
		if (!recorded.includes(name)) {
			recorded.push(name);
		}

		return placeholder(name);
	};

	const spec = (key: string): AnswerSpec => {
		const found = specsByKey.get(key);
		if (!found) {
			throw new Error(`A step uses the answer key '${key}', which is not in answerSpecs.`);
		}

		return found;
	};

	const get = (key: string): AnswerValue | undefined => {
		spec(key);
		const value = input.answers.get(key);
		return value === '' && spec(key).type !== 'string' ? undefined : value;
	};

	const text = (key: string): string => {
		const value = get(key);
		if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
			return String(value);
		}

		return Array.isArray(value) ? value.join(',') : missing(key);
	};

	const secret = (key: string): {secret: string; value: string} => {
		const value = get(key);
		return {secret: key, value: typeof value === 'string' && value !== '' ? value : missing(key)};
	};

	const context: RecordingPlanContext = {
		inventory: input.inventory,
		facts,
		get,
		text,
		integer(key) {
			const value = get(key);
			if (typeof value === 'number') {
				return value;
			}

			return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : missing(key);
		},
		boolean(key) {
			const value = get(key);
			if (typeof value === 'boolean') {
				return value;
			}

			missing(key);
			return false;
		},
		list(key) {
			const value = get(key);
			if (Array.isArray(value)) {
				return value as readonly string[];
			}

			if (typeof value === 'string') {
				return value === '' ? [] : value.split(',');
			}

			// An optional list without a value is empty; a required one shows one placeholder item.
			return spec(key).optional ? [] : [missing(key)];
		},
		secretArg: (key): SecretArg => secret(key),
		secretValue: (key): SecretPyValue => secret(key),
		fact: key => facts[key],
		missing,
		path: hostPath,
		recorded: () => [...recorded],
		fork: () => createPlanContext(input),
	};
	return context;
}
