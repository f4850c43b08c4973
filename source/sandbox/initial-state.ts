import {backendLayout, hostPackages, hostServices, initialVersion, modelHost, sandboxHosts, urls} from './layout.js';
import {pithosRevisions, southApps} from './migrations.js';
import {resources14} from './resource-catalogue.js';
import type {Backend, HostState, Instance, IpolicySpec, SandboxState} from './state-types.js';
import {cycladesUsage} from './quota-usage.js';

const spec = (cpu: number, diskCount: number, diskSize: number, memory: number, nic: number, spindle: number): IpolicySpec => ({
	'cpu-count': cpu,
	'disk-count': diskCount,
	'disk-size': diskSize,
	'memory-size': memory,
	'nic-count': nic,
	'spindle-use': spindle,
});

/** Ganeti 2.8 defaults (ISPECS_MINMAX_DEFAULTS, facts §5). */
const defaultIpolicy = () => ({
	std: spec(1, 1, 1024, 128, 1, 1),
	min: spec(1, 1, 1024, 128, 1, 1),
	max: spec(8, 16, 1_048_576, 32_768, 8, 12),
});

/** The default node group of ganeti2 overrides the bounds, with a max nic-count above 32 that the upgrade must keep. */
export const overridingGroupBounds = () => ({min: spec(1, 1, 512, 128, 1, 1), max: spec(8, 16, 1_048_576, 32_768, 40, 12)});

export const users = {
	alice: 'a1c0ffee-0000-4a11-8000-000000000001',
	bob: 'b0b0b0b0-0000-4b0b-8000-000000000002',
	carol: 'ca201000-0000-4ca2-8000-000000000003',
	dave: 'da7e0000-0000-4da7-8000-000000000004',
} as const;

function instance(id: number, user: string, backend: number, size: [number, number, number], running: boolean, nics: Instance['nics']): Instance {
	const tags = nics.map(() => 'synnefo:network:0:protected');
	return {id, user, backend, cpu: size[0], ram: size[1], disk: size[2], running, nics, tags};
}

/** The state at creation; `extraNodes` (see extraGanetiNodes) join ganeti1. */
export function initialState(shimMain: string, now: number, extraNodes: readonly string[] = []): SandboxState {
	const hosts: Record<string, HostState> = {};
	for (const host of [...sandboxHosts, ...extraNodes]) {
		hosts[host] = {
			packages: Object.fromEntries(hostPackages[modelHost(host)].map(name => [name, initialVersion(name)])),
			services: Object.fromEntries(hostServices[modelHost(host)].map(name => [name, {running: true, startedAt: now}])),
		};
	}

	const backends: Backend[] = backendLayout.map(({id, clustername, master, nodes}) => {
		const templates = id === 1 ? ['drbd', 'plain'] : ['ext'];
		return {
			id, clustername, master, nodes: id === 1 ? [...nodes, ...extraNodes] : [...nodes], offline: false, drained: false, ipolicy: {...defaultIpolicy(), diskTemplates: [...templates]}, enabledDiskTemplates: [...templates],
			groups: [{name: 'default', bounds: id === 1 ? null : overridingGroupBounds()}],
		};
	});

	const instances: Instance[] = [
		instance(101, users.alice, 1, [2, 2048, 20], true, [{id: 1, network: 1, name: null, ipv4: '192.0.2.11'}, {id: 2, network: 3, name: null, ipv4: null}]),
		instance(102, users.alice, 1, [1, 1024, 10], false, [{id: 3, network: 1, name: null, ipv4: '192.0.2.12'}]),
		instance(103, users.bob, 2, [4, 4096, 40], true, [{id: 4, network: 2, name: null, ipv4: '198.51.100.21'}]),
		instance(104, users.bob, 2, [1, 1024, 10], true, [{id: 5, network: 2, name: null, ipv4: '198.51.100.22'}]),
		instance(105, users.bob, 2, [1, 512, 10], true, [{id: 6, network: 2, name: null, ipv4: '198.51.100.23'}]),
		instance(106, users.carol, 1, [1, 1024, 10], true, [{id: 7, network: 1, name: 'snf-nic-7', ipv4: '192.0.2.13'}]),
	];
	const ips = instances.flatMap(server => server.nics.flatMap(nic => (nic.ipv4 ? [{address: nic.ipv4, network: nic.network, user: server.user, instance: server.id, floating: false}] : [])));

	const state: SandboxState = {
		version: 1,
		shimMain,
		roles: {astakos: 'astakos', cyclades: 'cyclades', pithos: 'pithos', stats: 'stats', vncauthproxy: 'cyclades', db: 'astakos'},
		hosts,
		migrations: Object.fromEntries(southApps.map(app => [app.app, app.oldHead])),
		staleContentTypes: ['db | floatingip', 'db | floatingippool'],
		pithosRevision: pithosRevisions.old,
		oauthClients: [],
		components: [
			{id: 1, name: 'astakos', uiUrl: urls.astakosUi, baseUrl: null, token: 'Bn1yVsq0rQsEnXm3QnA0ZSgH3wMwNv7rQbYyPqfr-iE', tokenCreated: '2013-11-20 10:11:12.123456+00:00'},
			{id: 2, name: 'cyclades', uiUrl: urls.cycladesUi, baseUrl: null, token: 'T6j3Hc5uMUaBl3-2FGnqQJXzBCzjp1zDkWXTIhIYhhY', tokenCreated: '2013-11-20 10:12:40.654321+00:00'},
			{id: 3, name: 'pithos', uiUrl: urls.pithosUi, baseUrl: null, token: 'Wq0Fy0xHqK8Jj2Zk1Yt6mC1dQb9pT8lN4sR7vU3eA5g', tokenCreated: '2013-11-20 10:13:05.000001+00:00'},
		],
		services: {
			astakos_account: {component: 'astakos', type: 'account'},
			astakos_identity: {component: 'astakos', type: 'identity'},
			astakos_weblogin: {component: 'astakos', type: 'astakos_weblogin'},
			astakos_ui: {component: 'astakos', type: 'astakos_ui'},
			cyclades_compute: {component: 'cyclades', type: 'compute'},
			cyclades_plankton: {component: 'cyclades', type: 'image'},
			cyclades_vmapi: {component: 'cyclades', type: 'vmapi'},
			cyclades_helpdesk: {component: 'cyclades', type: 'cyclades_helpdesk'},
			cyclades_userdata: {component: 'cyclades', type: 'cyclades_userdata'},
			cyclades_ui: {component: 'cyclades', type: 'cyclades_ui'},
			'pithos_object-store': {component: 'pithos', type: 'object-store'},
			pithos_public: {component: 'pithos', type: 'pithos_public'},
			pithos_ui: {component: 'pithos', type: 'pithos_ui'},
		},
		resources: resources14(),
		users: [
			{uuid: users.alice, email: 'alice@synnefo.test', accepted: true, baseQuota: {}},
			{uuid: users.bob, email: 'bob@synnefo.test', accepted: true, baseQuota: {'cyclades.vm': '5'}},
			{uuid: users.carol, email: 'carol@synnefo.test', accepted: true, baseQuota: {}},
			{uuid: users.dave, email: 'dave@synnefo.test', accepted: false, baseQuota: {}},
		],
		quotaholder: {},
		backends,
		instances,
		networks: [
			{id: 1, name: 'public-ipv4-a', user: null, public: true, flavor: 'IP_LESS_ROUTED', link: 'snf-link-1', macPrefix: 'aa:00:0', subnet: '192.0.2.0/24', gateway: '192.0.2.1', drained: false, floatingIpPool: false, backends: [1], pending: []},
			{id: 2, name: 'public-ipv4-b', user: null, public: true, flavor: 'IP_LESS_ROUTED', link: 'snf-link-2', macPrefix: 'aa:00:0', subnet: '198.51.100.0/24', gateway: '198.51.100.1', drained: false, floatingIpPool: false, backends: [2], pending: []},
			{id: 3, name: 'alice-private', user: users.alice, public: false, flavor: 'MAC_FILTERED', link: 'prv0', macPrefix: 'a6:f3:8', subnet: '10.0.0.0/24', gateway: '', drained: false, floatingIpPool: false, backends: [1], pending: []},
		],
		ips,
	};
	state.quotaholder = cycladesUsage(state, '0.14');
	for (const user of state.users) {
		state.quotaholder[user.uuid] = {...state.quotaholder[user.uuid], 'pithos.diskspace': 0, 'astakos.pending_app': 0};
	}

	return state;
}
