import fs from 'node:fs';
import {fsyncDirectorySync, writeFileAtomicSync} from './atomic-file.js';
import {journalFile, deploymentKey, logFileOf, readJournalOnDisk} from './journal-file.js';
import {appendRecord, syncLog, type JournalRecord} from './journal-log.js';
import type {JournalData, JournalEntry} from './journal-types.js';

export type {JournalData, JournalEntry, StepStatus} from './journal-types.js';
export {deploymentKey, journalFile, listJournals, readJournalFile, resetJournal} from './journal-file.js';

/**
 * Records what happened per step × host; every change is written before `set` returns and on disk once
 * `durable()` resolves. A change is one record appended to the log (its cost does not grow with the
 * journal); the log is folded into the snapshot (written atomically, fsynced) when it has grown as large
 * as the snapshot, and on open.
 */
export interface Journal {
	readonly file: string;
	/** Why the last record on disk was ignored: the process was killed, or the disk filled, while it was written. */
	readonly torn: string | undefined;
	entry(stepId: string, hostId: string): JournalEntry | undefined;
	/**
	 * Replaces the entry (redacting its detail) and records it: written when set returns (a crash of this
	 * process keeps it), on disk through a crash of the machine once durable() has resolved.
	 */
	set(stepId: string, hostId: string, entry: JournalEntry): void;
	/**
	 * Resolves once every record written so far is on disk (fsync). Concurrent callers share one fsync, run
	 * off the event loop: the runner awaits it before a host's changes start, not once per record.
	 */
	durable(): Promise<void>;
	data(): JournalData;
	/** Entries left `running` by a crash become `unknown`; returns them (step id, host id). */
	recoverInterrupted(): ReadonlyArray<readonly [string, string]>;
	/** What identifies each host (see JournalData.identity) as recorded so far. */
	identity(): Readonly<Record<string, string>>;
	/** Records (adds or replaces) the identity of these hosts. */
	recordIdentity(identity: Readonly<Record<string, string>>): void;
}

export interface JournalOptions {
	/** Applied to every detail before it is kept. */
	readonly redact?: (text: string) => string;
	/** Read the files but never write them (dry runs): changes stay in memory. */
	readonly readOnly?: boolean;
	readonly now?: () => Date;
}

/** The log is folded into the snapshot once it holds at least this much, and at least as much as the snapshot. */
const minimumLogBytes = 64 * 1024;

/** Opens (or starts) the journal of the deployment made of these hosts. */
export function openJournal(journalsDirectory: string, hostLabels: readonly string[], options: JournalOptions = {}): Journal {
	const file = journalFile(journalsDirectory, hostLabels);
	const logFile = logFileOf(file);
	const now = options.now ?? (() => new Date());
	const redact = options.redact ?? ((text: string) => text);
	const onDisk = readJournalOnDisk(file);
	const created = now().toISOString();
	let current: JournalData = onDisk.data ?? {
		version: 1,
		deployment: deploymentKey(hostLabels),
		hosts: [...new Set(hostLabels)].sort(),
		createdAt: created,
		updatedAt: created,
		steps: {},
	};
	const steps: Record<string, Record<string, JournalEntry>> = {};
	for (const [stepId, hosts] of Object.entries(current.steps)) {
		steps[stepId] = {...hosts};
	}

	let hasSnapshot = onDisk.hasSnapshot;
	let logBytes = onDisk.logBytes;
	let foldAt = Math.max(minimumLogBytes, onDisk.snapshotBytes);

	// Records written since the last fsync of the log; the fsync in flight, if any.
	let unsynced = false;
	let syncing: Promise<void> | undefined;
	const fold = () => {
		const text = `${JSON.stringify({...current, steps}, undefined, '\t')}\n`;
		writeFileAtomicSync(file, text);
		hasSnapshot = true;
		fs.rmSync(logFile, {force: true});
		fsyncDirectorySync(journalsDirectory);
		logBytes = 0;
		unsynced = false;
		foldAt = Math.max(minimumLogBytes, Buffer.byteLength(text));
	};

	const record = (change: JournalRecord) => {
		current = {...current, updatedAt: change.at};
		if (options.readOnly) {
			return;
		}

		if (!hasSnapshot) {
			fold();
			return;
		}

		logBytes += appendRecord(logFile, change, false);
		unsynced = true;
		if (logBytes >= foldAt) {
			try {
				fold();
			} catch {
				// The record is safe in the log; folding is tried again once the log has doubled.
				foldAt = logBytes * 2;
			}
		}
	};

	const put = (stepId: string, hostId: string, entry: JournalEntry) => {
		// In place: copying the step's map on every change cost O(hosts) per record (a 256-host step, 256² copies).
		(steps[stepId] ??= {})[hostId] = entry;
		record({at: now().toISOString(), step: stepId, host: hostId, entry});
	};

	if (!options.readOnly && (onDisk.logRecords > 0 || onDisk.torn !== undefined)) {
		// On open the log is folded in, and a torn last record goes with it: appends never follow half a line.
		if (onDisk.data === undefined) {
			fs.rmSync(logFile, {force: true});
		} else {
			fold();
		}
	}

	return {
		file,
		torn: onDisk.torn,
		entry: (stepId, hostId) => steps[stepId]?.[hostId],
		set(stepId, hostId, entry) {
			put(stepId, hostId, entry.detail === undefined ? entry : {...entry, detail: redact(entry.detail)});
		},
		async durable() {
			// An fsync that started before a record was written does not cover it: go round until none is pending.
			while (syncing !== undefined || unsynced) {
				if (syncing === undefined) {
					unsynced = false;
					syncing = syncLog(logFile).catch((error: unknown) => {
						unsynced = true;
						throw error;
					}).finally(() => {
						syncing = undefined;
					});
				}

				await syncing;
			}
		},
		data: () => ({...current, steps}),
		recoverInterrupted() {
			const found: Array<readonly [string, string]> = [];
			for (const [stepId, hosts] of Object.entries(steps)) {
				for (const [hostId, entry] of Object.entries(hosts)) {
					if (entry.status === 'running') {
						found.push([stepId, hostId]);
						put(stepId, hostId, {...entry, status: 'unknown', detail: 'interrupted while running: re-checked before anything else runs'});
					}
				}
			}

			return found;
		},
		identity: () => current.identity ?? {},
		recordIdentity(identity) {
			const at = now().toISOString();
			current = {...current, identity: {...current.identity, ...identity}};
			record({at, identity});
		},
	};
}
