import type {AnswerSpec, AnswerValue, Answers} from '../answer-types.js';
import {answerSpecs} from '../answers-schema.js';
import type {HostDefaults} from './host-defaults.js';

export type AnswerSource = 'given' | 'host' | 'derived' | 'default' | 'missing';

/** Answers with derivations and defaults applied: given → read from the hosts → derived → default. */
export interface ResolvedAnswers {
	/** The value of a known key; a key that is not in the specs throws (a programming error). */
	get(key: string): AnswerValue | undefined;
	source(key: string): AnswerSource;
	/** Keys without a value that are neither optional nor generated secrets, in spec order. */
	missingRequired(): string[];
	/** Secrets snf-upgrade generates because none was given, in spec order. */
	missingGenerated(): string[];
	/** Every key that has a value, in spec order. */
	values(): Readonly<Record<string, AnswerValue>>;
}

interface Resolution {
	readonly value: AnswerValue | undefined;
	readonly source: AnswerSource;
}

export function resolveAnswers(given: Answers, specs: readonly AnswerSpec[] = answerSpecs, fromHosts: HostDefaults = new Map()): ResolvedAnswers {
	const byKey = new Map(specs.map(spec => [spec.key, spec]));
	const cache = new Map<string, Resolution>();
	const resolving = new Set<string>();

	const resolve = (key: string): Resolution => {
		const spec = byKey.get(key);
		if (!spec) {
			throw new Error(`Unknown answer key '${key}'`);
		}

		const cached = cache.get(key);
		if (cached) {
			return cached;
		}

		if (resolving.has(key)) {
			throw new Error(`Answer derivations form a cycle through '${key}'`);
		}

		resolving.add(key);
		let resolution: Resolution;
		try {
			resolution = resolveSpec(spec);
		} finally {
			resolving.delete(key);
		}

		cache.set(key, resolution);
		return resolution;
	};

	const resolveSpec = (spec: AnswerSpec): Resolution => {
		if (Object.hasOwn(given, spec.key)) {
			return {value: given[spec.key], source: 'given'};
		}

		const read = fromHosts.get(spec.key);
		if (read !== undefined) {
			return {value: read.value, source: 'host'};
		}

		const derived = spec.derive?.(key => resolve(key).value);
		if (derived !== undefined) {
			return {value: derived, source: 'derived'};
		}

		return spec.default === undefined ? {value: undefined, source: 'missing'} : {value: spec.default, source: 'default'};
	};

	const missing = (generated: boolean) => specs
		.filter(spec => resolve(spec.key).source === 'missing' && !spec.optional && Boolean(spec.generate) === generated)
		.map(spec => spec.key);

	return {
		get: key => resolve(key).value,
		source: key => resolve(key).source,
		missingRequired: () => missing(false),
		missingGenerated: () => missing(true),
		values() {
			const values: Record<string, AnswerValue> = {};
			for (const spec of specs) {
				const {value} = resolve(spec.key);
				if (value !== undefined) {
					values[spec.key] = value;
				}
			}

			return values;
		},
	};
}
