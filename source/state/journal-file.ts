import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {InputError} from '../domain/errors.js';
import {readLog, type JournalRecord} from './journal-log.js';
import type {JournalData, JournalEntry} from './journal-types.js';
import {fileTimestamp} from './paths.js';

/** Names a deployment by its hosts: sha256 of the sorted, unique host labels. */
export function deploymentKey(hostLabels: readonly string[]): string {
	const labels = [...new Set(hostLabels)].sort();
	return createHash('sha256').update(labels.join('\n')).digest('hex').slice(0, 16);
}

export function journalFile(journalsDirectory: string, hostLabels: readonly string[]): string {
	return path.join(journalsDirectory, `${deploymentKey(hostLabels)}.json`);
}

/** The append-only log beside a journal snapshot. */
export const logFileOf = (file: string) => file.replace(/\.json$/, '.log');

const resetHint = (file: string) =>
	`The file is kept as it is. Fix it by hand, or start over with \`snf-upgrade status --reset\` (which keeps it as a backup beside ${path.basename(file)}).`;

const statuses = new Set(['pending', 'running', 'done', 'skipped', 'failed', 'unknown']);

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function journalProblem(raw: unknown): string | undefined {
	if (!isRecord(raw)) {
		return 'expected a JSON object';
	}

	if (raw.version !== 1) {
		return `unknown version ${JSON.stringify(raw.version)} (this snf-upgrade reads version 1)`;
	}

	if (!isRecord(raw.steps) || !Array.isArray(raw.hosts) || typeof raw.deployment !== 'string') {
		return 'missing deployment, hosts or steps';
	}

	if (raw.identity !== undefined && (!isRecord(raw.identity) || !Object.values(raw.identity).every(id => typeof id === 'string'))) {
		return 'identity: expected text per host';
	}

	for (const [stepId, hosts] of Object.entries(raw.steps)) {
		if (!isRecord(hosts)) {
			return `steps.${stepId}: expected an object of hosts`;
		}

		for (const [hostId, entry] of Object.entries(hosts)) {
			if (!isRecord(entry) || typeof entry.status !== 'string' || !statuses.has(entry.status)) {
				return `steps.${stepId}.${hostId}: expected an entry with a status (${[...statuses].join(', ')})`;
			}
		}
	}

	return undefined;
}

/** What is on disk for one journal: the snapshot with the log's records folded in. */
export interface JournalOnDisk {
	readonly data: JournalData | undefined;
	/** The snapshot exists (a log alone is folded into a new one). */
	readonly hasSnapshot: boolean;
	/** Bytes of the snapshot and of the log's whole records. */
	readonly snapshotBytes: number;
	readonly logBytes: number;
	/** Records in the log (0: nothing to fold). */
	readonly logRecords: number;
	/** Why the log's last record was ignored, when it was cut off. */
	readonly torn?: string;
}

function readSnapshot(file: string): {data: JournalData | undefined; bytes: number} {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return {data: undefined, bytes: 0};
		}

		throw new InputError(`cannot read the journal ${file}: ${(error as Error).message}`, resetHint(file));
	}

	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		throw new InputError(`the journal ${file} is damaged: not valid JSON (${(error as Error).message})`, resetHint(file));
	}

	const problem = journalProblem(raw);
	if (problem !== undefined) {
		throw new InputError(`the journal ${file} is damaged: ${problem}`, resetHint(file));
	}

	return {data: raw as JournalData, bytes: Buffer.byteLength(text)};
}

/** Applies log records to a snapshot (or to an empty journal) in order: the last record of a cell wins. */
export function foldRecords(base: JournalData, records: readonly JournalRecord[]): JournalData {
	const steps: Record<string, Record<string, JournalEntry>> = {};
	for (const [stepId, hosts] of Object.entries(base.steps)) {
		steps[stepId] = {...hosts};
	}

	let {identity, updatedAt} = base;
	for (const record of records) {
		updatedAt = record.at;
		if ('identity' in record) {
			identity = {...identity, ...record.identity};
		} else {
			steps[record.step] = {...steps[record.step], [record.host]: record.entry};
		}
	}

	return {...base, updatedAt, ...(identity === undefined ? {} : {identity}), steps};
}

/** Reads a journal's snapshot and log. Throws InputError naming the file when either is damaged (a torn last log record is not damage). */
export function readJournalOnDisk(file: string): JournalOnDisk {
	const snapshot = readSnapshot(file);
	const logFile = logFileOf(file);
	let log;
	try {
		log = readLog(logFile, problem => new InputError(`the journal log ${problem} (a record before the last one is damaged)`, resetHint(logFile)));
	} catch (error) {
		throw error instanceof InputError ? error : new InputError(`cannot read the journal log ${logFile}: ${(error as Error).message}`, resetHint(logFile));
	}

	const empty = (at: string): JournalData => ({version: 1, deployment: path.basename(file, '.json'), hosts: [], createdAt: at, updatedAt: at, steps: {}});
	const base = snapshot.data ?? (log.records.length > 0 ? empty(log.records[0]!.at) : undefined);
	return {
		data: base === undefined ? undefined : foldRecords(base, log.records),
		hasSnapshot: snapshot.data !== undefined,
		snapshotBytes: snapshot.bytes,
		logBytes: log.goodBytes,
		logRecords: log.records.length,
		...(log.torn === undefined ? {} : {torn: log.torn}),
	};
}

/** Reads and checks a journal (snapshot and log); undefined when there is none. Throws InputError naming the file when it is damaged. */
export function readJournalFile(file: string): JournalData | undefined {
	return readJournalOnDisk(file).data;
}

/** Starts over: moves the journal (and its log) aside as timestamped backups. Returns the snapshot backup's path (or the log's), or undefined when there was none. */
export function resetJournal(file: string, now: Date = new Date()): string | undefined {
	const stamp = fileTimestamp(now);
	let backup: string | undefined;
	for (const [from, to] of [[logFileOf(file), file.replace(/\.json$/, `.${stamp}.bak.log`)], [file, file.replace(/\.json$/, `.${stamp}.bak.json`)]] as const) {
		if (fs.existsSync(from)) {
			fs.renameSync(from, to);
			backup = to;
		}
	}

	return backup;
}

/** Every journal in the directory (for `status` when no inventory is known). */
export function listJournals(journalsDirectory: string): readonly string[] {
	try {
		const names = new Set(fs.readdirSync(journalsDirectory)
			.filter(name => /^[0-9a-f]{16}\.(json|log)$/.test(name))
			.map(name => name.replace(/\.log$/, '.json')));
		return [...names].sort().map(name => path.join(journalsDirectory, name));
	} catch {
		return [];
	}
}
