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

/**
 * The journal, version 1: a snapshot file `<key>.json` (this shape, JSON) plus an append-only log
 * `<key>.log` of the changes since (one JSON record a line), folded into the snapshot now and then.
 */
export interface JournalData {
	readonly version: 1;
	/** Hash of the inventory's host labels: names the file. */
	readonly deployment: string;
	/** The host labels, sorted, for `status`. */
	readonly hosts: readonly string[];
	readonly createdAt: string;
	readonly updatedAt: string;
	/**
	 * host id → sha256 of what identifies the machine (its /etc/machine-id, else its SSH host keys;
	 * a sandbox host's own machine-id file), read in the preflight. A journal of another deployment,
	 * or of a sandbox made again at the same path, differs here.
	 */
	readonly identity?: Readonly<Record<string, string>>;
	/** step id → host id → entry, in the order the steps first ran. */
	readonly steps: Readonly<Record<string, Readonly<Record<string, JournalEntry>>>>;
}
