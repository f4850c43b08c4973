import fs from 'node:fs';
import Conf from 'conf';
import {InputError} from '../domain/errors.js';
import {answersFileName, projectName} from './paths.js';

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

interface StoreShape {
	version: 1;
	answers: Record<string, unknown>;
	inventory?: unknown;
	saveSecrets?: boolean;
	generated: string[];
	withheld?: string[];
	skippedSections?: string[];
	[key: string]: unknown;
}

/** The store's schema version (conf's projectVersion); bump with a migration below. */
export const answersSchemaVersion = '1.0.0';

export interface AnswersStore {
	readonly path: string;
	exists(): boolean;
	/** Undefined when nothing is saved. Throws InputError naming the file when it is damaged (the file is kept). */
	load(): SavedAnswers | undefined;
	/** Writes the file (mode 0600). */
	save(saved: SavedAnswers): void;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Version 0 was a plain answers file copied into the state dir: {version?, inventory?, answers?} or
 * answer keys at the top level. Version 1 (schema 1.0.0) adds `generated` and `saveSecrets`.
 */
export const migrations: Record<string, (store: Conf<StoreShape>) => void> = {
	'1.0.0'(store) {
		const raw = store.store as Record<string, unknown>;
		if (isRecord(raw.answers) && Array.isArray(raw.generated)) {
			return;
		}

		const {inventory, answers, version: _version, __internal__: _internal, ...topLevel} = raw;
		const migrated: StoreShape = {
			version: 1,
			answers: {...topLevel, ...(isRecord(answers) ? answers : {})},
			generated: [],
			...(inventory === undefined ? {} : {inventory}),
		};
		store.clear();
		store.set(migrated);
	},
};

const fixHint = (file: string) =>
	`The file is kept as it is. Fix it by hand, or move it away (mv ${file} ${file}.broken) and give the answers again with --answers.`;

function damaged(file: string, error: unknown): InputError {
	const message = (error as Error).message.replace(/^Something went wrong during the migration! Changes applied to the store until this failed migration will be restored\. /, '');
	const what = (error as Error).name === 'SyntaxError' ? `not valid JSON (${message})` : message;
	return new InputError(`the saved answers ${file} are damaged: ${what}`, fixHint(file));
}

/** The saved answers in the state directory (conf: versioned schema, migrations, file mode 0600). */
export function openAnswersStore(stateDirectory: string): AnswersStore {
	const file = `${stateDirectory}/${answersFileName}.json`;
	let conf: Conf<StoreShape> | undefined;
	const open = () => {
		if (conf === undefined) {
			// conf would create a missing directory with the umask's mode (0755): the state holds secrets.
			fs.mkdirSync(stateDirectory, {recursive: true, mode: 0o700});
			try {
				conf = new Conf<StoreShape>({
					projectName,
					projectVersion: answersSchemaVersion,
					cwd: stateDirectory,
					configName: answersFileName,
					configFileMode: 0o600,
					accessPropertiesByDotNotation: false,
					clearInvalidConfig: false,
					migrations,
					schema: {
						version: {const: 1},
						answers: {type: 'object'},
						saveSecrets: {type: 'boolean'},
						generated: {type: 'array', items: {type: 'string'}},
						withheld: {type: 'array', items: {type: 'string'}},
						skippedSections: {type: 'array', items: {type: 'string'}},
					},
				});
			} catch (error) {
				throw damaged(file, error);
			}
		}

		return conf;
	};

	return {
		path: file,
		exists: () => fs.existsSync(file),
		load() {
			if (!fs.existsSync(file)) {
				return undefined;
			}

			let raw: Record<string, unknown>;
			try {
				raw = open().store as Record<string, unknown>;
			} catch (error) {
				throw error instanceof InputError ? error : damaged(file, error);
			}

			fs.chmodSync(file, 0o600);
			return {
				answers: isRecord(raw.answers) ? raw.answers : {},
				...(raw.inventory === undefined ? {} : {inventory: raw.inventory}),
				...(typeof raw.saveSecrets === 'boolean' ? {saveSecrets: raw.saveSecrets} : {}),
				generated: Array.isArray(raw.generated) ? (raw.generated as string[]) : [],
				...(Array.isArray(raw.withheld) && raw.withheld.length > 0 ? {withheld: raw.withheld as string[]} : {}),
				...(Array.isArray(raw.skippedSections) && raw.skippedSections.length > 0 ? {skippedSections: raw.skippedSections as string[]} : {}),
			};
		},
		save(saved) {
			const store = open();
			const value: StoreShape = {
				version: 1,
				answers: {...saved.answers},
				generated: [...saved.generated],
				...(saved.withheld === undefined || saved.withheld.length === 0 ? {} : {withheld: [...saved.withheld]}),
				...(saved.skippedSections === undefined || saved.skippedSections.length === 0 ? {} : {skippedSections: [...saved.skippedSections]}),
				...(saved.inventory === undefined ? {} : {inventory: saved.inventory}),
				...(saved.saveSecrets === undefined ? {} : {saveSecrets: saved.saveSecrets}),
			};
			try {
				store.store = value;
			} catch (error) {
				throw damaged(file, error);
			}

			fs.chmodSync(file, 0o600);
		},
	};
}

/** The answers document (for parseAnswersDocument) of what is saved. */
export function savedDocumentText(saved: SavedAnswers): string {
	return JSON.stringify({version: 1, ...(saved.inventory === undefined ? {} : {inventory: saved.inventory}), answers: saved.answers});
}
