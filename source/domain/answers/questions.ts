import type {AnswerSpec, AnswerValue} from '../answer-types.js';
import {answerSpecs} from '../answers-schema.js';
import type {SectionId} from '../sections.js';

/** How the wizard asks for an answer: one generic prompt component per kind. */
export type PromptKind = 'text' | 'yes-no' | 'choice' | 'multi-select' | 'secret';

/** One entry of a choice list; `custom` lets the admin type a value of their own instead. */
export interface QuestionChoice {
	readonly value: string;
	readonly label: string;
	readonly custom?: boolean;
}

/** An answer spec as the wizard asks it. */
export interface Question {
	readonly spec: AnswerSpec;
	readonly kind: PromptKind;
	/** The line shown above the input. */
	readonly prompt: string;
	/** For 'choice'. */
	readonly choices?: readonly QuestionChoice[];
	/** For 'multi-select': the options are the value read from the hosts (every item offered, all chosen by default). */
	readonly optionsFromHost?: boolean;
	/** Answer keys whose derived value follows this one as the admin types (ASTAKOS_AUTH_URL follows the base URL). */
	readonly drives: readonly string[];
}

interface QuestionOverride {
	readonly kind?: PromptKind;
	readonly prompt?: string;
	readonly choices?: readonly QuestionChoice[];
	readonly optionsFromHost?: boolean;
}

/** Where a question is asked differently from what its type alone says. Data, not code. */
const overrides: Readonly<Record<string, QuestionOverride>> = {
	shibbolethRemoteUser: {
		kind: 'choice',
		prompt: 'REMOTE_USER of ApplicationDefaults in shibboleth2.xml',
		choices: [
			{value: 'eppn', label: 'keep eppn'},
			{value: 'persistent-nameid persistent-id targeted-id', label: 'the persistent-id set (persistent-nameid persistent-id targeted-id)'},
			{value: '', label: 'custom: type the attribute ids', custom: true},
		],
	},
	floatingIpPoolNetworks: {kind: 'multi-select', optionsFromHost: true, prompt: 'Public networks to make floating IP pools (from network-list)'},
	astakosAuthUrl: {prompt: 'ASTAKOS_AUTH_URL for Cyclades and Pithos (derived from the base URL; edit it if yours differs)'},
	quotaFloatingIp: {prompt: 'Default base quota of cyclades.floating_ip (the runbook suggests 2)'},
};

/** Sections the admin may leave out with one key; the choice is saved. */
export const skippableSections: ReadonlySet<SectionId> = new Set(['stats', 'shibboleth']);

const kindOfType = (spec: AnswerSpec): PromptKind => {
	switch (spec.type) {
		case 'boolean': {
			return 'yes-no';
		}

		case 'choice': {
			return 'choice';
		}

		case 'secret': {
			return 'secret';
		}

		default: {
			return 'text';
		}
	}
};

/** The keys a derived spec reads (found by watching its derivation). */
function derivationInputs(spec: AnswerSpec): string[] {
	const read: string[] = [];
	spec.derive?.(key => {
		read.push(key);
		return undefined;
	});
	return read;
}

export function questionFor(spec: AnswerSpec, specs: readonly AnswerSpec[] = answerSpecs): Question {
	const override = overrides[spec.key] ?? {};
	const kind = override.kind ?? kindOfType(spec);
	const choices = override.choices ?? (kind === 'choice' ? (spec.choices ?? []).map(value => ({value, label: value})) : undefined);
	return {
		spec,
		kind,
		prompt: override.prompt ?? spec.description,
		...(choices === undefined ? {} : {choices}),
		...(override.optionsFromHost ? {optionsFromHost: true} : {}),
		drives: specs.filter(other => other.section === spec.section && derivationInputs(other).includes(spec.key)).map(other => other.key),
	};
}

/** The questions of one section (or of 'general'), in the schema's order. */
export function sectionQuestions(section: SectionId | 'general', specs: readonly AnswerSpec[] = answerSpecs): Question[] {
	return specs.filter(spec => spec.section === section).map(spec => questionFor(spec, specs));
}

/** The value a derived key would take with `key` set to `value` (the rest as given); undefined when it cannot be derived. */
export function derivedPreview(derivedKey: string, get: (key: string) => AnswerValue | undefined, specs: readonly AnswerSpec[] = answerSpecs): AnswerValue | undefined {
	return specs.find(spec => spec.key === derivedKey)?.derive?.(get);
}
