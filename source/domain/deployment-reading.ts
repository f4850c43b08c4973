import type {BackendRow} from './parsers/backend-list.js';
import type {PublicNetwork} from './parsers/network-list.js';
import type {SettingsInForce} from './parsers/settings-in-force.js';

/** A value read from one host, or why it could not be read; `source` says what was run where. */
export type Reading<T> =
	| {readonly ok: true; readonly value: T; readonly source: string}
	| {readonly ok: false; readonly problem: string; readonly source: string};

/** Every host reader that `fromHost` can name (answer-types.ts). */
export type HostReader = 'settings' | 'component-list' | 'network-list' | 'shibboleth2.xml' | 'resource-list';

/**
 * What the host readers found on a deployment (source/readers/read-deployment.ts). Keys are host ids;
 * a reader that was not run is absent, one that failed is a Reading with ok: false.
 */
export interface DeploymentReading {
	readonly settings: ReadonlyMap<string, Reading<SettingsInForce>>;
	/** Astakos host: component name → UI URL. */
	readonly components?: Reading<ReadonlyMap<string, string>>;
	/** Cyclades host. */
	readonly publicNetworks?: Reading<readonly PublicNetwork[]>;
	/** Cyclades host. */
	readonly backends?: Reading<readonly BackendRow[]>;
	/** Astakos host: REMOTE_USER of ApplicationDefaults in shibboleth2.xml. */
	readonly remoteUser?: Reading<string | undefined>;
	/** Astakos host: resource name → default base quota. */
	readonly resourceDefaults?: Reading<ReadonlyMap<string, string>>;
	/** Installed package versions per host. */
	readonly versions: ReadonlyMap<string, Reading<ReadonlyMap<string, string>>>;
}
