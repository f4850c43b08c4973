import path from 'node:path';
import {InputError, OperationError} from '../domain/errors.js';

/** Why a local write failed, in words, for the errno codes an admin can do something about. */
const reasons: Readonly<Record<string, string>> = {
	ENOSPC: 'no space left',
	EDQUOT: 'disk quota exceeded',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	EROFS: 'read-only file system',
	ENOTDIR: 'a path component is a file, not a directory',
	EEXIST: 'a file is in the way of a directory',
};

/** The errno code of a Node file-system error, if any. */
export function errorCode(error: unknown): string | undefined {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return typeof code === 'string' ? code : undefined;
}

/** True for the local-disk errors that diskWriteError explains (anything else is a bug and keeps its stack). */
export function isDiskWriteError(error: unknown): boolean {
	const code = errorCode(error);
	return code !== undefined && code in reasons;
}

/**
 * A failed write of snf-upgrade's own state, as a message with what to do:
 * "no space left in /var/lib/x (ENOSPC): /var/lib/x/journals/….json was not written; …".
 * A full disk is an OperationError (exit 1: free space and run again); a state directory that cannot
 * be written (permissions, read-only, a file in the way) is an InputError (exit 2: give another --state-dir).
 */
export function diskWriteError(error: unknown, file: string, kept = 'its previous content is kept'): OperationError | InputError {
	const code = errorCode(error) ?? 'EIO';
	const directory = path.dirname(file);
	const why = reasons[code] ?? (error as Error).message;
	const message = `${why} in ${directory} (${code}): ${file} was not written; ${kept}`;
	if (code === 'ENOSPC' || code === 'EDQUOT') {
		return new OperationError(message, {hint: `Free some space there (df -h ${directory}), then run again; or give --state-dir DIR on another file system.`});
	}

	return new InputError(message, `Make ${directory} a directory you can write (ls -ld ${directory}), or give --state-dir DIR elsewhere.`);
}
