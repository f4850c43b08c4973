/** The shared state of one sandbox (DIR/state.json): what the shims read and change. */

export interface ServiceState {
	running: boolean;
	/** Milliseconds since the epoch of the last start (0 when never started by the sandbox). */
	startedAt: number;
}

export interface HostState {
	/** Installed Debian packages and their versions. */
	packages: Record<string, string>;
	services: Record<string, ServiceState>;
}

export interface OauthClient {
	id: number;
	identifier: string;
	secret: string | null;
	type: 'confidential' | 'public';
	isTrusted: boolean;
	redirectUrls: string[];
}

export interface Component {
	id: number;
	name: string;
	uiUrl: string;
	/** Absent from the 0.14 schema; None (null) until re-registered under 0.15. */
	baseUrl: string | null;
	token: string;
	tokenCreated: string;
}

export interface Resource {
	id: number;
	name: string;
	serviceType: string;
	serviceOrigin: string;
	unit: string | null;
	/** Default base quota for new users; 2**63-1 is infinite. */
	defaultQuota: string;
	description: string;
	apiVisible: boolean;
	uiVisible: boolean;
}

export interface User {
	uuid: string;
	email: string;
	accepted: boolean;
	/** Base quotas set for this user; a missing resource follows the resource default. */
	baseQuota: Record<string, string>;
}

export interface IpolicySpec {
	'cpu-count': number;
	'disk-count': number;
	'disk-size': number;
	'memory-size': number;
	'nic-count': number;
	'spindle-use': number;
}

export interface Backend {
	id: number;
	clustername: string;
	master: string;
	nodes: string[];
	offline: boolean;
	drained: boolean;
	ipolicy: {std: IpolicySpec; min: IpolicySpec; max: IpolicySpec; diskTemplates: string[]};
	enabledDiskTemplates: string[];
	/** Node groups; `bounds` is the group's own --ipolicy-bounds-specs (null: the cluster's apply). */
	groups: NodeGroup[];
}

export interface NodeGroup {
	name: string;
	bounds: {min: IpolicySpec; max: IpolicySpec} | null;
}

export interface Nic {
	/** Cyclades DB id of the NIC. */
	id: number;
	network: number;
	name: string | null;
	ipv4: string | null;
}

export interface Instance {
	/** Cyclades server id; the Ganeti name is snf-<id>. */
	id: number;
	user: string;
	backend: number;
	cpu: number;
	/** MiB. */
	ram: number;
	/** GiB. */
	disk: number;
	running: boolean;
	nics: Nic[];
	tags: string[];
}

export interface Network {
	id: number;
	name: string;
	user: string | null;
	public: boolean;
	flavor: string;
	link: string;
	macPrefix: string;
	subnet: string;
	gateway: string;
	drained: boolean;
	floatingIpPool: boolean;
	/** Backends with a BackendNetwork row (what network-list's `backends` shows, PENDING rows included). */
	backends: number[];
	/** Backends whose row is still PENDING: the create job ran while snf-ganeti-eventd was down, so nobody reported it. */
	pending: number[];
}

export interface IpAddress {
	address: string;
	network: number;
	user: string;
	/** Instance holding the address (null for an unattached floating IP). */
	instance: number | null;
	floating: boolean;
}

export interface SandboxState {
	version: 1;
	/** Absolute path of dist/sandbox/shim-main.cjs (wrappers written later, e.g. by apt-get, use it). */
	shimMain: string;
	roles: {astakos: string; cyclades: string; pithos: string; stats: string; vncauthproxy: string; db: string};
	hosts: Record<string, HostState>;
	/** Applied South migrations per app of the snf_apps database (count from the start of the app's list). */
	migrations: Record<string, number>;
	staleContentTypes: string[];
	pithosRevision: string;
	oauthClients: OauthClient[];
	components: Component[];
	/** Registered services: name → component and type. */
	services: Record<string, {component: string; type: string}>;
	resources: Resource[];
	users: User[];
	/** Usage per user and resource as the Astakos quotaholder knows it. */
	quotaholder: Record<string, Record<string, number>>;
	backends: Backend[];
	instances: Instance[];
	networks: Network[];
	ips: IpAddress[];
}
