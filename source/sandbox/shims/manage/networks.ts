import type {Backend, Network, SandboxState} from '../../state-types.js';
import {flag, text, type OptionSpec} from '../options.js';
import {CommandError, djangoOptions, requireMigrated} from './framework.js';
import type {ManageCommand} from './framework.js';
import {listOptions, printList} from './list.js';
import type {ListSpec} from './list.js';

const ipv4Fields = (state: SandboxState): ListSpec<Network>['fields'] => ({
	id: [network => network.id, 'The ID of the network'],
	name: [network => network.name, 'The name of the network'],
	'user.uuid': [network => network.user, "The UUID of the network's owner"],
	public: [network => network.public, 'Whether network is public or private'],
	flavor: [network => network.flavor, "The network's flavor"],
	state: [() => 'ACTIVE', "The network's state"],
	'subnet.ipv4': [network => network.subnet, 'The IPv4 subnet of the network'],
	'gateway.ipv4': [network => network.gateway || null, 'The IPv4 gateway of the network'],
	'subnet.ipv6': [() => null, 'The IPv6 subnet of the network'],
	'gateway.ipv6': [() => null, 'The IPv6 gateway of the network'],
	mode: [network => (network.flavor === 'MAC_FILTERED' ? 'bridged' : 'routed'), 'The mode of the network'],
	link: [network => network.link, 'The link of the network'],
	mac_prefix: [network => network.macPrefix, "The network's MAC prefix"],
	drained: [network => network.drained, 'Whether network is drained or not'],
	vms: [network => state.instances.filter(server => server.nics.some(nic => nic.network === network.id)).length, 'Number of connected servers'],
	backends: [network => network.backends.join(','), 'IDs of Ganeti backends that the network is connected to'],
});

export const networkList: ManageCommand = {
	name: 'network-list',
	usageArgs: '',
	provider: 'snf-cyclades-app',
	options: () => [...djangoOptions, ...listOptions, {long: '--public', kind: 'flag'}, {long: '--ipv6', kind: 'flag'}, {long: '--deleted', short: '-d', kind: 'flag'}, {long: '--user', short: '-u', kind: 'value'}],
	run(context, parsed) {
		requireMigrated(context, 'db', 'db_subnet');
		const state = context.state();
		const base = ipv4Fields(state);
		const defaults = ['id', 'name', 'user.uuid', 'state', 'public', 'subnet.ipv4', 'gateway.ipv4', 'link', 'mac_prefix', 'drained'];
		const spec: ListSpec<Network> = context.release === '0.15'
			? {fields: {...base, subnets: [network => network.id, 'The IDs of the associated subnets'], floating_ip_pool: [network => network.floatingIpPool, 'Whether the network is a floating IP pool']}, defaults: [...defaults, 'floating_ip_pool']}
			: {fields: base, defaults};
		const networks = state.networks.filter(network => !flag(parsed, 'public') || network.public);
		return printList(context, parsed, spec, networks);
	},
};

export const backendName = (backend: Backend) => `${backend.clustername}(id=${backend.id})`;

/** The options of network-modify: 0.14.10 (synnefo/api/management/commands) and 0.15 (synnefo/logic/management/commands) differ. */
const modifyOptions = (release: string): OptionSpec[] => (release === '0.15'
	? [
		{long: '--name', kind: 'value'},
		{long: '--userid', kind: 'value'},
		{long: '--drained', kind: 'value', choices: ['True', 'False']},
		{long: '--floating-ip-pool', kind: 'value', choices: ['True', 'False']},
		{long: '--add-reserved-ips', kind: 'value'},
		{long: '--remove-reserved-ips', kind: 'value'},
		{long: '--add-to-backend', kind: 'value'},
		{long: '--remove-from-backend', kind: 'value'},
	]
	: [
		...['--name', '--userid', '--subnet', '--gateway', '--subnet6', '--gateway6', '--state', '--link', '--mac-prefix', '--add-reserved-ips', '--remove-reserved-ips']
			.map((long): OptionSpec => ({long, kind: 'value'})),
		{long: '--dhcp', kind: 'value', choices: ['True', 'False']},
		{long: '--drained', kind: 'value', choices: ['True', 'False']},
	]);

/** Whether snf-ganeti-eventd runs on the backend's master: only then does Cyclades hear that a job finished. */
const eventdUp = (state: SandboxState, backend: Backend) => state.hosts[backend.master]?.services['snf-ganeti-eventd']?.running === true;

/**
 * backend_mod.ensure_network_is_active: creates the BackendNetwork row if there is none and sends the
 * create/connect jobs when the row is not ACTIVE. The row becomes ACTIVE only if snf-ganeti-eventd is
 * there to report the finished job (eventd.py watches new job files only); else it stays PENDING.
 * Returns whether jobs were sent.
 */
function ensureActive(state: SandboxState, network: Network, backend: Backend): boolean {
	const present = network.backends.includes(backend.id);
	if (present && !network.pending.includes(backend.id)) {
		return false;
	}

	if (!present) {
		network.backends.push(backend.id);
		network.backends.sort((a, b) => a - b);
	}

	network.pending = network.pending.filter(id => id !== backend.id);
	if (!eventdUp(state, backend)) {
		network.pending.push(backend.id);
		network.pending.sort((a, b) => a - b);
	}

	return true;
}

export const networkModify: ManageCommand = {
	name: 'network-modify',
	usageArgs: '<Network ID>',
	provider: 'snf-cyclades-app',
	options: release => [...djangoOptions, ...modifyOptions(release)],
	run(context, parsed) {
		if (parsed.positional.length !== 1) {
			throw new CommandError('Please provide a network ID');
		}

		requireMigrated(context, 'db', 'db_subnet');
		context.update(state => {
			const network = state.networks.find(candidate => String(candidate.id) === parsed.positional[0]);
			if (!network) {
				throw new CommandError(`Network with ID ${parsed.positional[0]} not found in DB.`);
			}

			const label = `<Network: ${network.id}>`;
			const addTo = (backend: Backend) => {
				if (ensureActive(state, network, backend)) {
					context.out(`Sent job to create network '${label}' in backend '${backendName(backend)}'\n`);
				}
			};

			const name = text(parsed, 'name');
			if (name !== undefined) {
				network.name = name;
			}

			const drained = text(parsed, 'drained');
			if (drained !== undefined) {
				network.drained = drained === 'True';
			}

			const pool = text(parsed, 'floating-ip-pool');
			if (pool === 'False' && state.ips.some(ip => ip.network === network.id && ip.floating)) {
				throw new CommandError('Cannot make network a non floating IP pool. There are still reserved floating IPs.');
			}

			if (pool !== undefined) {
				network.floatingIpPool = pool === 'True';
				context.out(`Set network '${label}' as floating-ip-pool=${pool}.\n`);
				if (pool === 'True') {
					state.backends.filter(backend => !backend.offline).forEach(backend => addTo(backend));
				}
			}

			const add = text(parsed, 'add-to-backend');
			if (add !== undefined) {
				const backend = state.backends.find(candidate => String(candidate.id) === add);
				if (!backend) {
					throw new CommandError(`Backend with ID ${add} not found in DB.`);
				}

				addTo(backend);
			}

			const remove = text(parsed, 'remove-from-backend');
			if (remove !== undefined) {
				network.backends = network.backends.filter(id => String(id) !== remove);
				network.pending = network.pending.filter(id => String(id) !== remove);
			}
		});
		return 0;
	},
};

export const backendList: ManageCommand = {
	name: 'backend-list',
	usageArgs: '',
	provider: 'snf-cyclades-app',
	options: () => [...djangoOptions, ...listOptions],
	run(context, parsed) {
		const state = context.state();
		const spec: ListSpec<Backend> = {
			fields: {
				id: [backend => backend.id, 'Backend ID'],
				clustername: [backend => backend.clustername, 'Backend Hostname'],
				port: [() => 5080, 'Backend Port'],
				username: [() => 'synnefo', 'Backend Username'],
				drained: [backend => backend.drained, 'Is backend drained'],
				offline: [backend => backend.offline, 'Is backend offline'],
				vms: [backend => state.instances.filter(server => server.backend === backend.id).length, 'Number of VMs'],
				disk_templates: [backend => backend.enabledDiskTemplates.filter(template => backend.ipolicy.diskTemplates.includes(template)).join(','), 'Disk templates'],
			},
			defaults: ['id', 'clustername', 'port', 'username', 'drained', 'offline'],
		};
		return printList(context, parsed, spec, state.backends);
	},
};
