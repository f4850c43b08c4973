/**
 * The staging variant of the sandbox (issue 4, item 5): the same simulated 0.14.10 deployment installed onto
 * separate hosts reached over SSH (in CI: network-namespace hosts), files at their real paths, and real Ganeti
 * clusters on some Ganeti masters instead of the gnt-* shims.
 */

/** Where the shim wrappers live on every staging host (private per host, first on PATH for SSH logins). */
export const stagingBin = '/srv/snf-sandbox/bin';
/** DIR/staging.json: how the sandbox was staged (read by `sandbox verify`). */
export const stagingFile = 'staging.json';
export const usualPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** One staging host: the machine a sandbox host's files and commands go to. */
export interface StagingHost {
	/** Short name used as the inventory host name ("gnt1"). */
	readonly name: string;
	/** SSH target as the admin host reaches it ("root@gnt1.test"). */
	readonly ssh: string;
}

/** What DIR/staging.json holds. */
export interface StagingRecord {
	readonly version: 1;
	/** Sandbox host id ("ganeti1-master") → the staging host that plays it. */
	readonly hosts: Readonly<Record<string, StagingHost>>;
	/** Backends whose master runs a real Ganeti (no gnt-* shims there). */
	readonly realGaneti: ReadonlyArray<{
		/** Backend name as in the inventory ("ganeti1"). */
		readonly backend: string;
		/** Cyclades backend id in the sandbox state. */
		readonly id: number;
		readonly master: StagingHost;
		/** The allowed disk templates the inventory asks for (checked on the real cluster by verify). */
		readonly ipolicyDiskTemplates?: readonly string[];
	}>;
}

/** Programs that a real Ganeti master provides itself. */
export const isGanetiProgram = (program: string): boolean => program.startsWith('gnt-');

/** /root/.ssh/environment of a staging host (sshd PermitUserEnvironment yes): the shims first on PATH. */
export function sshEnvironment(sandbox: string, sandboxHost: string): string {
	return [
		`PATH=${stagingBin}:${usualPath}`,
		`SNF_SANDBOX=${sandbox}`,
		`SNF_SANDBOX_HOST=${sandboxHost}`,
		'SYNNEFO_SETTINGS_DIR=/etc/synnefo',
	].join('\n') + '\n';
}
