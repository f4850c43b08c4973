import fs from 'node:fs';
import path from 'node:path';
import {InputError} from '../domain/errors.js';
import {errorCode} from './disk-error.js';

// Reading the saved answers without conf (and its JSON-schema validator): the wizard's welcome reads them
// before its first frame; answers-store.ts writes through conf.

/** The saved answers: an answers document ({version, inventory, answers}) plus the admin's choices. */
export interface SavedAnswers {
	/** As in an answers file: raw JSON values, secrets as text only where saved, else {"fromEnv": NAME} or absent. */
	readonly answers: Readonly<Record<string, unknown>>;
	readonly inventory?: unknown;
	/** The admin's choice to keep secrets in this file (undefined: never asked; then they are not kept). */
	readonly saveSecrets?: boolean;
	/** Secrets snf-upgrade generated: kept here always (they exist nowhere else). */
	readonly generated: readonly string[];
	/** Secrets given in an earlier run but not kept (the admin's choice): asked for again, never generated anew. */
	readonly withheld?: readonly string[];
	/** Optional sections the admin chose to leave out in the wizard (section ids). */
	readonly skippedSections?: readonly string[];
}

/** The store's schema version (conf's projectVersion); bump with a migration below. */
export const answersSchemaVersion = '1.0.0';

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Version 0 was a plain answers file copied into the state dir: {version?, inventory?, answers?} or
 * answer keys at the top level. Version 1 (schema 1.0.0) adds `generated` and `saveSecrets`.
 * Pure: load() applies it in memory (a read never rewrites the file), conf applies it on save.
 */
export function migrateToVersion1(raw: Record<string, unknown>): Record<string, unknown> {
	if (isRecord(raw.answers) && Array.isArray(raw.generated)) {
		return raw;
	}

	const {inventory, answers, version: _version, __internal__: _internal, ...topLevel} = raw;
	return {
		version: 1,
		answers: {...topLevel, ...(isRecord(answers) ? answers : {})},
		generated: [],
		...(inventory === undefined ? {} : {inventory}),
	};
}

/** The schema version recorded in the file by conf, when it is newer than this snf-upgrade's. */
function newerSchema(raw: Record<string, unknown>): string | undefined {
	const internal = raw.__internal__;
	const recorded = isRecord(internal) && isRecord(internal.migrations) ? internal.migrations.version : undefined;
	if (typeof recorded !== 'string') {
		return undefined;
	}

	const parts = (version: string) => version.split('.').map(part => Number.parseInt(part, 10) || 0);
	const [theirs, ours] = [parts(recorded), parts(answersSchemaVersion)];
	for (let index = 0; index < Math.max(theirs.length, ours.length); index++) {
		if ((theirs[index] ?? 0) !== (ours[index] ?? 0)) {
			return (theirs[index] ?? 0) > (ours[index] ?? 0) ? recorded : undefined;
		}
	}

	return undefined;
}

/** What conf's schema checked, checked without conf (a read must not write). */
function shapeProblem(raw: Record<string, unknown>): string | undefined {
	if (raw.version !== 1) {
		return 'Config schema violation: `version` must be equal to constant';
	}

	if (!isRecord(raw.answers)) {
		return 'Config schema violation: `answers` must be object';
	}

	if (raw.saveSecrets !== undefined && typeof raw.saveSecrets !== 'boolean') {
		return 'Config schema violation: `saveSecrets` must be boolean';
	}

	for (const key of ['generated', 'withheld'] as const) {
		if (raw[key] !== undefined && (!Array.isArray(raw[key]) || !raw[key].every(item => typeof item === 'string'))) {
			return `Config schema violation: \`${key}\` must be an array of text`;
		}
	}

	return undefined;
}

const fixHint = (file: string) =>
	`The file is kept as it is. Fix it by hand, or move it away (mv ${file} ${file}.broken) and give the answers again with --answers.`;

export function damaged(file: string, error: unknown): InputError {
	const message = (error as Error).message.replace(/^Something went wrong during the migration! Changes applied to the store until this failed migration will be restored\. /, '');
	const what = (error as Error).name === 'SyntaxError' ? `not valid JSON (${message})` : message;
	return new InputError(`the saved answers ${file} are damaged: ${what}`, fixHint(file));
}

/** The store's content as a version 1 object (migrated in memory), undefined when there is none; never writes. */
export function readStore(file: string): Record<string, unknown> | undefined {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return undefined;
		}

		if (errorCode(error) === 'ENOTDIR') {
			throw new InputError(`the state directory ${path.dirname(file)} is not a directory (a file is in the way)`, 'Give --state-dir a directory (it is made if missing), or move that file away.');
		}

		throw new InputError(`cannot read the saved answers ${file}: ${(error as Error).message}`, `Make it readable, or give --state-dir DIR elsewhere.`);
	}

	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		throw damaged(file, error);
	}

	if (!isRecord(raw)) {
		throw damaged(file, new Error('expected a JSON object'));
	}

	const newer = newerSchema(raw);
	if (newer !== undefined) {
		throw new InputError(
			`the saved answers ${file} were written by a newer snf-upgrade (schema ${newer}; this one knows ${answersSchemaVersion})`,
			'The file is kept as it is. Use that newer snf-upgrade, or give --state-dir DIR for this one.',
		);
	}

	// As conf does: a file that records its schema version is not migrated again.
	const internal = raw.__internal__;
	const recorded = isRecord(internal) && isRecord(internal.migrations) && typeof internal.migrations.version === 'string';
	const migrated = recorded ? raw : migrateToVersion1(raw);
	const problem = shapeProblem(migrated);
	if (problem !== undefined) {
		throw damaged(file, new Error(problem));
	}

	return migrated;
}

/**
 * The saved answers in FILE, undefined when there are none. Never writes the file (only tightens its mode).
 * Throws InputError naming the file when it is damaged or of a newer schema (the file is kept).
 */
export function readSavedAnswers(file: string): SavedAnswers | undefined {
	const raw = readStore(file);
	if (raw === undefined) {
		return undefined;
	}

	try {
		// Secrets may be in it: an existing file is tightened to 0600 (its content is left alone).
		fs.chmodSync(file, 0o600);
	} catch {
		// Not ours to change (another owner, a read-only file system): reading it is still fine.
	}

	return {
		answers: isRecord(raw.answers) ? raw.answers : {},
		...(raw.inventory === undefined ? {} : {inventory: raw.inventory}),
		...(typeof raw.saveSecrets === 'boolean' ? {saveSecrets: raw.saveSecrets} : {}),
		generated: Array.isArray(raw.generated) ? (raw.generated as string[]) : [],
		...(Array.isArray(raw.withheld) && raw.withheld.length > 0 ? {withheld: raw.withheld as string[]} : {}),
		...(Array.isArray(raw.skippedSections) && raw.skippedSections.length > 0 ? {skippedSections: raw.skippedSections as string[]} : {}),
	};
}
