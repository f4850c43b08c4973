import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {InputError} from '../domain/errors.js';
import {writeFileAtomicSync} from './atomic-file.js';
import type {JournalData, JournalEntry} from './journal-types.js';
import {fileTimestamp} from './paths.js';

export type {JournalData, JournalEntry, StepStatus} from './journal-types.js';

/** Records what happened per step × host; every change is written to disk atomically at once. */
export interface Journal {
	readonly file: string;
	entry(stepId: string, hostId: string): JournalEntry | undefined;
	/** Replaces the entry (redacting its detail) and writes the file. */
	set(stepId: string, hostId: string, entry: JournalEntry): void;
	data(): JournalData;
	/** Entries left `running` by a crash become `unknown`; returns them (step id, host id). */
	recoverInterrupted(): ReadonlyArray<readonly [string, string]>;
}

export interface JournalOptions {
	/** Applied to every detail before it is kept. */
	readonly redact?: (text: string) => string;
	/** Read the file but never write it (dry runs): changes stay in memory. */
	readonly readOnly?: boolean;
	readonly now?: () => Date;
}

/** Names a deployment by its hosts: sha256 of the sorted, unique host labels. */
export function deploymentKey(hostLabels: readonly string[]): string {
	const labels = [...new Set(hostLabels)].sort();
	return createHash('sha256').update(labels.join('\n')).digest('hex').slice(0, 16);
}

export function journalFile(journalsDirectory: string, hostLabels: readonly string[]): string {
	return path.join(journalsDirectory, `${deploymentKey(hostLabels)}.json`);
}

const resetHint = (file: string) =>
	`The file is kept as it is. Fix it by hand, or start over with \`snf-upgrade status --reset\` (which keeps it as a backup beside ${path.basename(file)}).`;

const statuses = new Set(['pending', 'running', 'done', 'skipped', 'failed', 'unknown']);

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and checks a journal file; undefined when there is none. Throws InputError naming the file when it is damaged. */
export function readJournalFile(file: string): JournalData | undefined {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
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

	return raw as JournalData;
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

/** Opens (or starts) the journal of the deployment made of these hosts. */
export function openJournal(journalsDirectory: string, hostLabels: readonly string[], options: JournalOptions = {}): Journal {
	const file = journalFile(journalsDirectory, hostLabels);
	const now = options.now ?? (() => new Date());
	const redact = options.redact ?? ((text: string) => text);
	const existing = readJournalFile(file);
	const created = now().toISOString();
	const steps: Record<string, Record<string, JournalEntry>> = {};
	for (const [stepId, hosts] of Object.entries(existing?.steps ?? {})) {
		steps[stepId] = {...hosts};
	}

	let current: JournalData = existing ?? {
		version: 1,
		deployment: deploymentKey(hostLabels),
		hosts: [...new Set(hostLabels)].sort(),
		createdAt: created,
		updatedAt: created,
		steps,
	};

	const flush = () => {
		current = {...current, updatedAt: now().toISOString(), steps};
		if (!options.readOnly) {
			writeFileAtomicSync(file, `${JSON.stringify(current, undefined, '\t')}\n`);
		}
	};

	return {
		file,
		entry: (stepId, hostId) => steps[stepId]?.[hostId],
		set(stepId, hostId, entry) {
			const kept = entry.detail === undefined ? entry : {...entry, detail: redact(entry.detail)};
			steps[stepId] = {...steps[stepId], [hostId]: kept};
			flush();
		},
		data: () => ({...current, steps}),
		recoverInterrupted() {
			const found: Array<readonly [string, string]> = [];
			for (const [stepId, hosts] of Object.entries(steps)) {
				for (const [hostId, entry] of Object.entries(hosts)) {
					if (entry.status === 'running') {
						found.push([stepId, hostId]);
						hosts[hostId] = {...entry, status: 'unknown', detail: 'interrupted while running: re-checked before anything else runs'};
					}
				}
			}

			if (found.length > 0) {
				flush();
			}

			return found;
		},
	};
}

/** Starts over: moves the journal aside as a timestamped backup. Returns the backup's path, or undefined when there was none. */
export function resetJournal(file: string, now: Date = new Date()): string | undefined {
	if (!fs.existsSync(file)) {
		return undefined;
	}

	const backup = file.replace(/\.json$/, `.${fileTimestamp(now)}.bak.json`);
	fs.renameSync(file, backup);
	return backup;
}

/** Every journal in the directory (for `status` when no inventory is known). */
export function listJournals(journalsDirectory: string): readonly string[] {
	try {
		return fs.readdirSync(journalsDirectory)
			.filter(name => /^[0-9a-f]{16}\.json$/.test(name))
			.map(name => path.join(journalsDirectory, name));
	} catch {
		return [];
	}
}
