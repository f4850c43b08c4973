import fs from 'node:fs';
import path from 'node:path';
import {InputError} from '../domain/errors.js';
import {writeFileAtomicSync} from './atomic-file.js';

/** The export's record (answers, inventory, facts, the checks of each step) beside the playbook. */
export const exportRecordName = 'snf-upgrade-export.json';

/**
 * Writes the export's files into `directory` (made if missing). A directory that holds anything is refused
 * unless `force` (then only these files are replaced; nothing else in it is touched).
 */
export function writeExportFiles(directory: string, files: Readonly<Record<string, string>>, force: boolean): void {
	let entries: string[] = [];
	try {
		entries = fs.readdirSync(directory);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOTDIR') {
			throw new InputError(`--out ${directory} is not a directory`, 'Give a new or empty directory with --out DIR.');
		}

		if (code !== 'ENOENT') {
			throw error;
		}
	}

	if (entries.length > 0 && !force) {
		throw new InputError(`--out ${directory} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''})`, 'Give a new or empty directory, or --force to replace the exported files in it.');
	}

	fs.mkdirSync(directory, {recursive: true});
	for (const [name, content] of Object.entries(files)) {
		writeFileAtomicSync(path.join(directory, name), content, 0o644);
	}
}

export function readExportRecordFile(file: string): string {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch (error) {
		throw new InputError(`cannot read ${file}: ${(error as Error).message}`, 'Run ansible-verdict with the directory of an export (snf-upgrade plan --format ansible --out DIR).');
	}
}
