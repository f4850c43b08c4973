import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {diskWriteError, isDiskWriteError} from './disk-error.js';

let counter = 0;

/** Writes every byte of `data` at the file's current position, looping over short writes; throws on an error (ENOSPC…). */
export function writeAllSync(fd: number, data: Uint8Array): void {
	let written = 0;
	while (written < data.length) {
		const count = fs.writeSync(fd, data, written, data.length - written);
		if (count <= 0) {
			throw Object.assign(new Error(`write returned ${count} with ${data.length - written} bytes left`), {code: 'EIO'});
		}

		written += count;
	}
}

/** fsync of a directory, so that a rename or a new file in it survives a crash. Some file systems refuse it; the rename is still atomic. */
export function fsyncDirectorySync(directory: string): void {
	try {
		const directoryFd = fs.openSync(directory, 'r');
		try {
			fs.fsyncSync(directoryFd);
		} finally {
			fs.closeSync(directoryFd);
		}
	} catch {
		// Some file systems refuse fsync on a directory; the rename is still atomic.
	}
}

/**
 * Writes a file so that a crash or a full disk leaves either the old or the new content, never a mix:
 * a temp file in the same directory written whole (short writes continued), fsync, rename over the
 * target, fsync of the directory. On any failure the temp file is removed and the target is untouched;
 * local-disk errors (ENOSPC, EACCES, …) become an OperationError naming the directory and what to do.
 * Synchronous on purpose: a signal handler can flush with it before the process exits.
 */
export function writeFileAtomicSync(file: string, content: string, mode = 0o600): void {
	const directory = path.dirname(file);
	counter += 1;
	const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}.${counter}.tmp`);
	try {
		fs.mkdirSync(directory, {recursive: true, mode: 0o700});
		const fd = fs.openSync(temporary, 'w', mode);
		try {
			writeAllSync(fd, Buffer.from(content, 'utf8'));
			fs.fsyncSync(fd);
		} finally {
			fs.closeSync(fd);
		}

		fs.renameSync(temporary, file);
	} catch (error) {
		fs.rmSync(temporary, {force: true});
		throw isDiskWriteError(error) ? diskWriteError(error, file) : error;
	}

	fsyncDirectorySync(directory);
}
