import fs from 'node:fs';
import Conf from 'conf';
import {InputError, OperationError} from '../domain/errors.js';
import {diskWriteError, isDiskWriteError} from './disk-error.js';
import {answersFileName, projectName} from './paths.js';
import {answersSchemaVersion, damaged, migrateToVersion1, readSavedAnswers, readStore, type SavedAnswers} from './saved-answers.js';

export type {SavedAnswers} from './saved-answers.js';

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

export interface AnswersStore {
	readonly path: string;
	exists(): boolean;
	/** Undefined when nothing is saved. Never writes the file (only tightens its mode). Throws InputError naming the file when it is damaged or of a newer schema (the file is kept). */
	load(): SavedAnswers | undefined;
	/** Writes the file (mode 0600). */
	save(saved: SavedAnswers): void;
}

export const migrations: Record<string, (store: Conf<StoreShape>) => void> = {
	'1.0.0'(store) {
		const raw = store.store as Record<string, unknown>;
		const migrated = migrateToVersion1(raw);
		if (migrated !== raw) {
			store.clear();
			store.set(migrated as StoreShape);
		}
	},
};

/** The saved answers in the state directory (conf: versioned schema, migrations, file mode 0600). */
export function openAnswersStore(stateDirectory: string): AnswersStore {
	const file = `${stateDirectory}/${answersFileName}.json`;
	let conf: Conf<StoreShape> | undefined;
	const open = () => {
		if (conf === undefined) {
			try {
				// conf would create a missing directory with the umask's mode (0755): the state holds secrets.
				fs.mkdirSync(stateDirectory, {recursive: true, mode: 0o700});
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
				throw isDiskWriteError(error) ? diskWriteError(error, file, 'nothing was saved') : damaged(file, error);
			}
		}

		return conf;
	};

	return {
		path: file,
		exists: () => fs.existsSync(file),
		load: () => readSavedAnswers(file),
		save(saved) {
			readStore(file);
			const existed = fs.existsSync(file);
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
				open().store = value;
				fs.chmodSync(file, 0o600);
			} catch (error) {
				if (!existed) {
					// conf writes "{}" first: a failed first save leaves no stub behind.
					fs.rmSync(file, {force: true});
				}

				if (isDiskWriteError(error)) {
					throw diskWriteError(error, file, existed ? 'the answers saved before are kept' : 'nothing was saved');
				}

				throw error instanceof InputError || error instanceof OperationError ? error : damaged(file, error);
			}
		},
	};
}

/** The answers document (for parseAnswersDocument) of what is saved. */
export function savedDocumentText(saved: SavedAnswers): string {
	return JSON.stringify({version: 1, ...(saved.inventory === undefined ? {} : {inventory: saved.inventory}), answers: saved.answers});
}
