/** The roles a host plays in a Synnefo deployment, as the runbook names them. */
export type Role =
	| 'astakos'
	| 'cyclades'
	| 'pithos'
	| 'ganeti-master'
	| 'ganeti-node'
	| 'stats'
	| 'vncauthproxy'
	| 'db';

/** Where the commands for one host run. */
export type Target =
	| {
			readonly kind: 'local';
			/** A filesystem prefix every path the plan uses is placed under ('' for the real root). The sandbox gives each host its own. */
			readonly root: string;
			/** Extra environment for every command (the sandbox puts its shims first on PATH). */
			readonly env: Readonly<Record<string, string>>;
	  }
	| {
			readonly kind: 'ssh';
			/** Login user; undefined means the ~/.ssh/config or OpenSSH default. */
			readonly user?: string;
			/** Host name or alias, resolved through ~/.ssh/config by the executor. */
			readonly host: string;
			readonly port?: number;
	  };

/** One machine. Two roles on the same machine share one Host (same id). */
export interface Host {
	/** Stable short name used in the plan, the journal and the output ("cyclades", "gnt1"). */
	readonly id: string;
	readonly target: Target;
	/** How the host is shown to the admin: "admin@cyclades.example.org:22", "local (/tmp/sb/cyclades)". */
	readonly label: string;
	/** Commands that need root go through sudo (true when the login user is not root, unless overridden). */
	readonly sudo: boolean;
}

/** One Ganeti cluster that Cyclades uses as a backend. */
export interface GanetiBackend {
	/** The backend's name as the admin knows it (usually the cluster name). */
	readonly name: string;
	readonly master: Host;
	/** Every node, the master included. */
	readonly nodes: readonly Host[];
	/** Disk templates the instance policy allows (`--ipolicy-disk-templates`); undefined leaves them as they are. */
	readonly ipolicyDiskTemplates?: readonly string[];
}

/** Hosts by role, resolved and validated. */
export interface Inventory {
	readonly astakos: Host;
	readonly cyclades: Host;
	readonly pithos: Host;
	/** Absent when the deployment has no stats host (the stats section is then skipped). */
	readonly stats?: Host;
	/** Defaults to the Cyclades host. */
	readonly vncauthproxy: Host;
	/** The database server the backups run on; defaults to the Astakos host. */
	readonly db: Host;
	readonly ganeti: readonly GanetiBackend[];
}
