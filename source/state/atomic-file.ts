import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

let counter = 0;

/**
 * Writes a file so that a crash leaves either the old or the new content, never a mix:
 * a temp file in the same directory, fsync, rename over the target, fsync of the directory.
 * Synchronous on purpose: a signal handler can flush with it before the process exits.
 */
export function writeFileAtomicSync(file: string, content: string, mode = 0o600): void {
	const directory = path.dirname(file);
	fs.mkdirSync(directory, {recursive: true, mode: 0o700});
	counter += 1;
	const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}.${counter}.tmp`);
	const fd = fs.openSync(temporary, 'w', mode);
	try {
		fs.writeSync(fd, content);
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}

	try {
		fs.renameSync(temporary, file);
	} catch (error) {
		fs.rmSync(temporary, {force: true});
		throw error;
	}

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
