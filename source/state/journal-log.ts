import fs from 'node:fs';
import path from 'node:path';
import {writeAllSync, fsyncDirectorySync} from './atomic-file.js';
import {diskWriteError, isDiskWriteError} from './disk-error.js';
import type {JournalEntry} from './journal-types.js';

/**
 * One change to a journal, as one line of its append-only log (`<key>.log` beside the `<key>.json`
 * snapshot): an entry set for a step × host, or the identity of the deployment's hosts.
 */
export type JournalRecord =
	| {readonly at: string; readonly step: string; readonly host: string; readonly entry: JournalEntry}
	| {readonly at: string; readonly identity: Readonly<Record<string, string>>};

export interface LogContents {
	readonly records: readonly JournalRecord[];
	/** Bytes of the log that hold whole records (a torn tail starts here). */
	readonly goodBytes: number;
	/** Set when the last record was cut off (the process was killed while it wrote, or the disk filled): it is ignored. */
	readonly torn?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function recordProblem(value: unknown): string | undefined {
	if (!isRecord(value) || typeof value.at !== 'string') {
		return 'expected an object with "at"';
	}

	if (isRecord(value.identity)) {
		return Object.values(value.identity).every(id => typeof id === 'string') ? undefined : 'identity: expected text per host';
	}

	if (typeof value.step !== 'string' || typeof value.host !== 'string' || !isRecord(value.entry) || typeof value.entry.status !== 'string') {
		return 'expected step, host and entry';
	}

	return undefined;
}

/**
 * Reads the log. Every record is one JSON line ending in a newline; a last line without its newline
 * or that is not whole JSON is a torn record (reported in `torn`, ignored). A bad line before the last
 * one is damage: `damaged` gets the line number and the problem.
 */
export function readLog(file: string, damaged: (problem: string) => Error): LogContents {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return {records: [], goodBytes: 0};
		}

		throw error;
	}

	const records: JournalRecord[] = [];
	let offset = 0;
	let line = 0;
	while (offset < text.length) {
		line++;
		const end = text.indexOf('\n', offset);
		const body = text.slice(offset, end === -1 ? undefined : end);
		let parsed: unknown;
		let problem: string | undefined;
		try {
			parsed = JSON.parse(body);
			problem = recordProblem(parsed);
		} catch (error) {
			problem = `not valid JSON (${(error as Error).message})`;
		}

		if (end === -1 || problem !== undefined) {
			const rest = text.slice(end + 1);
			if (end === -1 || rest.trim() === '') {
				const torn = `the last record (line ${line}, ${Buffer.byteLength(body)} bytes${end === -1 ? ', no end of line' : ''}) was cut off when it was written and is ignored: the step it recorded is checked again`;
				return {records, goodBytes: Buffer.byteLength(text.slice(0, offset)), torn};
			}

			throw damaged(`${file} line ${line}: ${problem ?? 'no end of line'}`);
		}

		records.push(parsed as JournalRecord);
		offset = end + 1;
	}

	return {records, goodBytes: Buffer.byteLength(text)};
}

/**
 * Appends one record, and fsyncs it unless `sync` is false (then syncLog() makes it durable later; it is
 * in the kernel, and so survives this process, once this returns). The record goes in one write; when the
 * write fails part way (ENOSPC), the log is cut back to where it was, so it never ends in half a record by
 * our doing. Returns the bytes written.
 */
export function appendRecord(file: string, record: JournalRecord, sync = true): number {
	const data = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
	let fd: number;
	let created = false;
	try {
		created = !fs.existsSync(file);
		fd = fs.openSync(file, 'a', 0o600);
	} catch (error) {
		throw isDiskWriteError(error) ? diskWriteError(error, file, 'the journal keeps what it held before') : error;
	}

	try {
		const before = fs.fstatSync(fd).size;
		try {
			writeAllSync(fd, data);
			if (sync) {
				fs.fsyncSync(fd);
			}
		} catch (error) {
			try {
				fs.ftruncateSync(fd, before);
			} catch {
				// Then the reader finds a torn last record and ignores it.
			}

			throw isDiskWriteError(error) ? diskWriteError(error, file, 'the journal keeps what it held before') : error;
		}
	} finally {
		fs.closeSync(fd);
	}

	if (created) {
		fsyncDirectorySync(path.dirname(file));
	}

	return data.length;
}

/**
 * fsync of the log, off the event loop (the thread pool), so that other hosts' commands go on meanwhile;
 * a log already folded away (its records are in the fsynced snapshot) needs none.
 */
export async function syncLog(file: string): Promise<void> {
	let handle: fs.promises.FileHandle;
	try {
		handle = await fs.promises.open(file, 'r');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return;
		}

		throw error;
	}

	try {
		await handle.sync();
	} catch (error) {
		throw isDiskWriteError(error) ? diskWriteError(error, file, 'its last records may not be on disk') : error;
	} finally {
		await handle.close();
	}
}
