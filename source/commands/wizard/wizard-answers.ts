import fs from 'node:fs';
import type {AnswerValue, Answers} from '../../domain/answer-types.js';
import {answerSpecs} from '../../domain/answers-schema.js';
import {parseAnswersDocument} from '../../domain/answers/answers-document.js';
import {resolveAnswers, type ResolvedAnswers} from '../../domain/answers/resolve-answers.js';
import {InputError} from '../../domain/errors.js';
import type {Inventory} from '../../domain/inventory-types.js';
import {parseInventory} from '../../domain/inventory/parse-inventory.js';
import {clearAnswer, writeAnswer, writeInventory, writeSkippedSection} from '../../state/answer-writer.js';
import {loadAnswersSession, answersHash} from '../../state/answers-session.js';
import {openAnswersStore, type AnswersStore} from '../../state/answers-store.js';

type Env = Readonly<Record<string, string | undefined>>;

const secretKeys = new Set(answerSpecs.filter(spec => spec.type === 'secret').map(spec => spec.key));
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface WizardAnswersRequest {
	readonly stateDirectory: string;
	/** --answers FILE: its answers and inventory are taken in (saved) before the wizard asks. */
	readonly answersFile?: string;
	readonly sets?: readonly string[];
	readonly env: Env;
	readonly saveSecrets?: boolean;
}

/** The wizard's answers: what is saved, plus secrets typed in this session that the policy does not keep on disk. */
export interface WizardAnswers {
	readonly store: AnswersStore;
	given(): Answers;
	resolved(): ResolvedAnswers;
	inventory(): Inventory | undefined;
	/** The raw inventory as saved (for editing). */
	rawInventory(): Record<string, unknown> | undefined;
	secrets(): Readonly<Record<string, string>>;
	answersHash(): string;
	keepsSecrets(): boolean;
	/** Secrets given before but not kept, and not given in this session: asked again. */
	withheld(): readonly string[];
	skippedSections(): readonly string[];
	save(key: string, value: AnswerValue, how?: {readonly generated?: boolean}): void;
	/** Leaves an optional answer unset. */
	clear(key: string): void;
	saveInventory(raw: Record<string, unknown>): void;
	saveSkipped(section: string, skipped: boolean): void;
}

/** Takes an answers file in: every answer saved as it would be typed (secrets per the policy), the inventory as given. */
function importAnswersFile(store: AnswersStore, file: string, env: Env, keepSecrets: boolean, memory: Record<string, AnswerValue>): void {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		throw new InputError(`cannot read the answers file ${file}: ${(error as Error).message}`, 'Give a readable JSON answers file with --answers FILE.');
	}

	const document = parseAnswersDocument(text, file, env);
	const raw = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
	const rawAnswers = isRecord(raw.answers) ? raw.answers : {};
	for (const [key, value] of Object.entries(document.answers)) {
		const reference = rawAnswers[key];
		if (secretKeys.has(key) && typeof reference === 'string') {
			writeAnswer(store, key, value, {secret: true, keepSecrets});
			memory[key] = value;
		} else {
			// A {"fromEnv"} reference is kept as the reference, like run --yes does.
			writeAnswer(store, key, reference as AnswerValue, {secret: false, keepSecrets});
		}
	}

	if (raw.inventory !== undefined && raw.inventory !== null) {
		writeInventory(store, raw.inventory);
	}
}

export function openWizardAnswers(request: WizardAnswersRequest): WizardAnswers {
	const store = openAnswersStore(request.stateDirectory);
	if (request.saveSecrets !== undefined) {
		store.save({...(store.load() ?? {answers: {}, generated: []}), saveSecrets: request.saveSecrets});
	}

	const keepSecrets = () => store.load()?.saveSecrets === true;
	const memory: Record<string, AnswerValue> = {};
	if (request.answersFile !== undefined) {
		importAnswersFile(store, request.answersFile, request.env, keepSecrets(), memory);
	}

	const session = loadAnswersSession({stateDirectory: request.stateDirectory, sets: request.sets ?? [], env: request.env});
	// The wizard asks for secrets (typed twice or generated) instead of generating them behind the admin's back.
	const given: Record<string, AnswerValue> = Object.fromEntries(Object.entries(session.answers).filter(([key]) => !session.generatedNow.includes(key)));
	Object.assign(given, memory);
	let inventory = session.inventory;
	const resolved = () => resolveAnswers(given);
	const secrets = () => Object.fromEntries([...secretKeys].flatMap(key => {
		const value = resolved().get(key);
		return typeof value === 'string' && value !== '' ? [[key, value] as const] : [];
	}));
	return {
		store,
		given: () => ({...given}),
		resolved,
		inventory: () => inventory,
		rawInventory() {
			const raw = store.load()?.inventory;
			return isRecord(raw) ? raw : undefined;
		},
		secrets,
		answersHash: () => answersHash(resolved().values(), secrets()),
		keepsSecrets: keepSecrets,
		withheld: () => (store.load()?.withheld ?? []).filter(key => given[key] === undefined),
		skippedSections: () => store.load()?.skippedSections ?? [],
		save(key, value, how = {}) {
			given[key] = value;
			writeAnswer(store, key, value, {secret: secretKeys.has(key), keepSecrets: keepSecrets(), ...(how.generated === undefined ? {} : {generated: how.generated})});
		},
		clear(key) {
			delete given[key];
			clearAnswer(store, key);
		},
		saveInventory(raw) {
			inventory = parseInventory(raw, 'the inventory');
			writeInventory(store, raw);
		},
		saveSkipped: (section, skipped) => writeSkippedSection(store, section, skipped),
	};
}
