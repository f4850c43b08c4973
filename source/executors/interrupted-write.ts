import {OperationError} from '../domain/errors.js';
import {shellQuote} from '../domain/shell-quote.js';
import type {CommandResult, FileSnapshot} from './executor.js';
import {pendingWritePath} from './file-write-script.js';

/** The record a write script leaves beside a file while it writes (see pendingWritePath). */
export interface PendingWrite {
	readonly originalSha256: string;
	readonly newSha256: string;
	readonly backupPath: string;
}

/** `<sha256> <sha256> <backup path>`; an empty line is no record; anything else is unreadable (undefined). */
export function parsePendingWrite(line: string): PendingWrite | 'none' | undefined {
	if (line === '') {
		return 'none';
	}

	const match = /^([\da-f]{64}) ([\da-f]{64}) (\/.+)$/.exec(line);
	return match === null ? undefined : {originalSha256: match[1]!, newSha256: match[2]!, backupPath: match[3]!};
}

/**
 * A write record found when the file is read means an earlier write was interrupted. The file is then
 * the original (the new content never reached it: written again as usual) or the new content (the write
 * took effect): either way the record is removed (a changing command, skipped in a dry run) and the
 * snapshot is good. Anything else stops here, naming the backup that holds the original.
 */
export async function settleInterruptedWrite(
	host: string,
	snapshot: FileSnapshot,
	recordLine: string,
	/** Runs a changing command on the host (with the same sudo handling as the read). */
	change: (commandLine: string) => Promise<CommandResult>,
): Promise<void> {
	const record = pendingWritePath(snapshot.target);
	const pending = parsePendingWrite(recordLine);
	if (pending === 'none') {
		return;
	}

	const whole = pending !== undefined && (snapshot.sha256 === pending.originalSha256 || snapshot.sha256 === pending.newSha256);
	if (!whole) {
		const backup = pending?.backupPath;
		throw new OperationError(`${snapshot.target} was being written by an earlier run that was interrupted, and it is now neither the original nor the new content`, {
			host,
			hint: backup === undefined
				? `the record ${record} is unreadable; find the newest ${snapshot.target}.snf-upgrade-*.bak, compare, restore or keep the file, then remove ${record} and run again`
				: `the original is kept in ${backup}: compare the file with it, restore it (cp -p ${backup} ${snapshot.target}) or keep the file as it is, then remove ${record} and run again`,
		});
	}

	const commandLine = `rm -f -- ${shellQuote(record)}`;
	const result = await change(commandLine);
	if (result.outcome !== 'completed' || result.exitCode !== 0) {
		throw new OperationError(`Cannot remove the record of an interrupted write, ${record}`, {
			host,
			command: commandLine,
			exitCode: result.exitCode,
			outputTail: result.failure ?? result.stderr,
		});
	}
}
