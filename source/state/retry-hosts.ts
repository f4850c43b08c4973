import fs from 'node:fs';
import path from 'node:path';
import {InputError} from '../domain/errors.js';
import {writeFileAtomicSync} from './atomic-file.js';
import {diskWriteError} from './disk-error.js';
import {fileTimestamp} from './paths.js';

/** Writes the ids of the hosts that failed, one per line, to DIR/<timestamp>.hosts (no secrets in it); returns the file. */
export function writeRetryHosts(directory: string, hostIds: readonly string[], date: Date = new Date()): string {
	const file = path.join(directory, `${fileTimestamp(date)}.hosts`);
	try {
		fs.mkdirSync(directory, {recursive: true, mode: 0o700});
	} catch (error) {
		throw diskWriteError(error, file, 'the run itself is recorded in the journal');
	}

	writeFileAtomicSync(file, `${hostIds.join('\n')}\n`, 0o644);
	return file;
}

/** The text of a --hosts value: the file's content for @FILE, else the value itself. */
export function hostsArgumentText(value: string): string {
	if (!value.startsWith('@')) {
		return value;
	}

	try {
		return fs.readFileSync(value.slice(1), 'utf8');
	} catch (error) {
		throw new InputError(`run: --hosts ${value}: cannot read ${value.slice(1)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 'Give the hosts file a failed run named, or --hosts ID,ID.');
	}
}
