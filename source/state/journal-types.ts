/** Where one step stands on one host. */
export type StepStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'unknown';

export interface JournalEntry {
	readonly status: StepStatus;
	/** The last command's exit code (null: killed or unknown). */
	readonly exitCode?: number | null;
	readonly startedAt?: string;
	readonly endedAt?: string;
	/** sha256 of the step's masked rendered actions for this host (+ a hash of the secrets they use). */
	readonly actionHash?: string;
	/** sha256 of the answers the run used (non-secret values + a hash of the secrets). */
	readonly answersHash?: string;
	/** One line for the admin: why skipped, what failed, what the probe found. Redacted. */
	readonly detail?: string;
}

/** The journal file (JSON), version 1. */
export interface JournalData {
	readonly version: 1;
	/** Hash of the inventory's host labels: names the file. */
	readonly deployment: string;
	/** The host labels, sorted, for `status`. */
	readonly hosts: readonly string[];
	readonly createdAt: string;
	readonly updatedAt: string;
	/** step id → host id → entry, in the order the steps first ran. */
	readonly steps: Readonly<Record<string, Readonly<Record<string, JournalEntry>>>>;
}
