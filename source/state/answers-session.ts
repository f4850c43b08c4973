import {createHash, randomBytes} from 'node:crypto';
import fs from 'node:fs';
import type {AnswerValue, Answers} from '../domain/answer-types.js';
import {answerSpecs} from '../domain/answers-schema.js';
import {parseAnswersDocument} from '../domain/answers/answers-document.js';
import {resolveAnswers, type ResolvedAnswers} from '../domain/answers/resolve-answers.js';
import {applySetFlags} from '../domain/answers/set-flags.js';
import {InputError} from '../domain/errors.js';
import type {Inventory} from '../domain/inventory-types.js';
import {openAnswersStore, savedDocumentText, type AnswersStore, type SavedAnswers} from './answers-store.js';
import {refuseStateCollision} from './state-collision.js';

type Env = Readonly<Record<string, string | undefined>>;

const secretKeys = new Set(answerSpecs.filter(spec => spec.type === 'secret').map(spec => spec.key));
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface AnswersRequest {
	readonly stateDirectory: string;
	/** --answers FILE. */
	readonly answersFile?: string;
	/** --set KEY=VALUE flags. */
	readonly sets?: readonly string[];
	readonly env: Env;
	/** --save-secrets / --no-save-secrets; undefined keeps the saved choice (never chosen: not saved). */
	readonly saveSecrets?: boolean;
}

/** The answers of one run: saved, overridden by --answers, overridden by --set; generated secrets filled in. */
export interface AnswersSession {
	readonly answers: Answers;
	readonly resolved: ResolvedAnswers;
	readonly inventory: Inventory | undefined;
	/** Every secret answer's value by key (for the redactor). */
	readonly secrets: Readonly<Record<string, string>>;
	/** Secrets generated in this run. */
	readonly generatedNow: readonly string[];
	/** Secrets given in an earlier run but not kept, and not given now: they must be given again (a new one would not match the hosts). */
	readonly withheld: readonly string[];
	/** For the journal: sha256 of the non-secret resolved answers plus a sha256 of the secret ones. */
	readonly answersHash: string;
	readonly store: AnswersStore;
	/** Writes the saved answers (0600): non-secret values, {"fromEnv"} references, generated secrets, and given secrets only by the admin's choice. Returns the secret keys whose values are kept in the file. */
	save(): readonly string[];
}

function readAnswersFile(file: string): string {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
		throw new InputError(`cannot read the answers file ${file}: ${why}`, 'Give a readable JSON answers file with --answers FILE (snf-upgrade answers --list shows the keys).');
	}
}

/** --set flags as they are kept: typed values, secrets as {"fromEnv"} references (--set takes secrets only as env:NAME). */
function rawSets(sets: readonly string[], env: Env): Record<string, unknown> {
	const typed = applySetFlags({}, sets, env);
	const raw: Record<string, unknown> = {};
	for (const set of sets) {
		const key = set.slice(0, set.indexOf('='));
		raw[key] = secretKeys.has(key) ? {fromEnv: set.slice(set.indexOf('=') + 5)} : typed[key];
	}

	return raw;
}

/** A random secret (192 bits) made of letters, digits, - and _: safe in shell words, Python strings and URLs. */
export function generateSecret(): string {
	return randomBytes(24).toString('base64url');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** sha256 of the non-secret answers as JSON plus a sha256 of the secret ones (the journal keeps no secret). */
export function answersHash(values: Readonly<Record<string, unknown>>, secrets: Readonly<Record<string, string>>): string {
	const sorted = (record: Readonly<Record<string, unknown>>) => JSON.stringify(Object.keys(record).sort().map(key => [key, record[key]]));
	const plain = Object.fromEntries(Object.entries(values).filter(([key]) => !secretKeys.has(key)));
	return sha256(`${sorted(plain)}\0${sha256(sorted(secrets))}`);
}

export function loadAnswersSession(request: AnswersRequest): AnswersSession {
	if (request.answersFile !== undefined) {
		refuseStateCollision(request.answersFile, request.stateDirectory);
	}

	const store = openAnswersStore(request.stateDirectory);
	const saved = store.load();
	const givenText = request.answersFile === undefined ? undefined : readAnswersFile(request.answersFile);
	const given = givenText === undefined ? undefined : parseAnswersDocument(givenText, request.answersFile!, request.env);
	const givenRaw = givenText === undefined ? {} : (JSON.parse(givenText.replace(/^\uFEFF/, '')) as Record<string, unknown>);
	const givenRawAnswers = isRecord(givenRaw.answers) ? givenRaw.answers : {};
	const setsRaw = rawSets(request.sets ?? [], request.env);
	const setAnswers = applySetFlags({}, request.sets ?? [], request.env);

	// Saved values overridden now are not read (a saved {"fromEnv"} whose variable is gone must not fail the run).
	const overridden = new Set([...Object.keys(givenRawAnswers), ...Object.keys(setsRaw)]);
	const keptSaved: Record<string, unknown> = Object.fromEntries(Object.entries(saved?.answers ?? {}).filter(([key]) => !overridden.has(key)));
	const savedDocument = saved === undefined ? undefined : parseAnswersDocument(savedDocumentText({...saved, answers: keptSaved}), store.path, request.env);

	const merged: Record<string, AnswerValue> = {...savedDocument?.answers, ...given?.answers, ...setAnswers};
	const generatedNow: string[] = [];
	const withheldBefore = (saved?.withheld ?? []).filter(key => !overridden.has(key));
	for (const key of resolveAnswers(merged).missingGenerated()) {
		if (!withheldBefore.includes(key)) {
			merged[key] = generateSecret();
			generatedNow.push(key);
		}
	}

	const resolved = resolveAnswers(merged);
	const secrets: Record<string, string> = {};
	for (const key of secretKeys) {
		const value = resolved.get(key);
		if (typeof value === 'string' && value !== '') {
			secrets[key] = value;
		}
	}

	const generated = [...(saved?.generated ?? []).filter(key => !overridden.has(key)), ...generatedNow];
	const choice = request.saveSecrets ?? saved?.saveSecrets;
	const rawAnswers: Record<string, unknown> = {...keptSaved, ...givenRawAnswers, ...setsRaw};
	for (const key of generatedNow) {
		rawAnswers[key] = merged[key];
	}

	const inventoryRaw = givenRaw.inventory ?? saved?.inventory;
	return {
		answersHash: answersHash(resolved.values(), secrets),
		withheld: withheldBefore.filter(key => resolved.get(key) === undefined),
		answers: merged,
		resolved,
		inventory: given?.inventory ?? savedDocument?.inventory,
		secrets,
		generatedNow,
		store,
		save() {
			const kept: Record<string, unknown> = {};
			const secretsKept: string[] = [];
			const withheld = new Set(withheldBefore);
			for (const [key, value] of Object.entries(rawAnswers)) {
				withheld.delete(key);
				if (secretKeys.has(key) && typeof value === 'string') {
					if (choice !== true && !generated.includes(key)) {
						withheld.add(key);
						continue;
					}

					secretsKept.push(key);
				}

				kept[key] = value;
			}

			const next: SavedAnswers = {
				answers: kept,
				generated,
				...(withheld.size === 0 ? {} : {withheld: [...withheld]}),
				...(inventoryRaw === undefined || inventoryRaw === null ? {} : {inventory: inventoryRaw}),
				...(choice === undefined ? {} : {saveSecrets: choice}),
				...(saved?.skippedSections === undefined ? {} : {skippedSections: saved.skippedSections}),
			};
			store.save(next);
			return secretsKept;
		},
	};
}
