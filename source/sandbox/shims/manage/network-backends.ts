import type {Backend, Network, SandboxState} from '../../state-types.js';
import {flag} from '../options.js';
import {pyStr, titledTable} from '../table.js';
import {CommandError, djangoOptions, requireMigrated} from './framework.js';
import type {ManageCommand} from './framework.js';
import {backendName} from './networks.js';

const operstate = (network: Network, backend: Backend) => (network.pending.includes(backend.id) ? 'PENDING' : 'ACTIVE');

/** `snf-manage network-inspect <Network ID>` (S15 logic/management/commands/network-inspect.py, management/pprint.py). */
export const networkInspect: ManageCommand = {
	name: 'network-inspect',
	usageArgs: '<Network ID>',
	provider: 'snf-cyclades-app',
	options: () => [...djangoOptions, {long: '--displayname', kind: 'flag'}],
	run(context, parsed) {
		if (parsed.positional.length !== 1) {
			throw new CommandError('Please provide a network ID.');
		}

		requireMigrated(context, 'db', 'db_subnet');
		const state = context.state();
		const network = state.networks.find(candidate => String(candidate.id) === parsed.positional[0]);
		if (!network) {
			throw new CommandError(`Network with ID ${parsed.positional[0]} not found in DB.`);
		}

		const mode = network.flavor === 'MAC_FILTERED' ? 'bridged' : 'routed';
		const db: Array<[string, unknown]> = [
			['name', network.name], ['backend-name', `snf-net-${network.id}`], ['state', 'ACTIVE'], ['userid', network.user],
			['username', flag(parsed, 'displayname') ? network.user : null], ['public', network.public], ['floating_ip_pool', network.floatingIpPool],
			['external_router', false], ['drained', network.drained], ['MAC prefix', network.macPrefix], ['flavor', network.flavor],
			['link', network.link], ['mode', mode], ['deleted', false], ['tags', network.flavor.toLowerCase().replaceAll('_', '-')], ['action', 'CREATE'],
		];
		const backends = state.backends.filter(backend => network.backends.includes(backend.id));
		const bnets = backends.map(backend => [backend.clustername, operstate(network, backend), 'False', String(100 + backend.id), 'OP_NETWORK_CONNECT', 'success']);
		context.out(titledTable(`State of Network ${network.id} in DB`, undefined, db.map(([key, value]) => [key, pyStr(value)])));
		context.out('\n\n');
		context.out(titledTable(`Subnets of network ${network.id}`, ['ID', 'Name', 'Version', 'CIDR', 'Gateway', 'DHCP', 'Deleted'], [[String(network.id), 'None', '4', network.subnet, network.gateway || 'None', 'True', 'False']]));
		context.out('\n\n');
		context.out(titledTable(`State of Network ${network.id} in DB for each backend`, ['Backend', 'State', 'Deleted', 'JobID', 'Opcode', 'JobStatus'], bnets));
		context.out('\n\n');
		for (const backend of state.backends.filter(candidate => !candidate.offline && network.backends.includes(candidate.id))) {
			context.out(titledTable(`State of network in backend: ${backend.clustername}`, undefined, [['name', `snf-net-${network.id}`], ['network', network.subnet], ['gateway', network.gateway || 'None']]));
		}

		return 0;
	},
};

/** The rows reconcile-networks calls unsynced (CASE-4 of synnefo/logic/reconciliation.py): in Ganeti, but not ACTIVE in the DB. */
function unsynced(state: SandboxState): Array<{network: Network; backend: Backend}> {
	return state.networks.flatMap(network => state.backends
		.filter(backend => !backend.offline && network.pending.includes(backend.id))
		.map(backend => ({network, backend})));
}

/** `snf-manage reconcile-networks [--fix-all]`: logs D:/F: lines on stderr (verbosity 1), nothing when in sync. */
export const reconcileNetworks: ManageCommand = {
	name: 'reconcile-networks',
	usageArgs: '',
	provider: 'snf-cyclades-app',
	options: () => [...djangoOptions, {long: '--fix-all', kind: 'flag'}],
	run(context, parsed) {
		requireMigrated(context, 'db', 'db_subnet');
		const fix = flag(parsed, 'fix-all');
		context.update(state => {
			for (const {network, backend} of unsynced(state)) {
				context.err(`D: Unsynced network <Network: ${network.id}> in backend ${backendName(backend)}\n`);
				if (fix) {
					context.err('F: Issuing OP_NETWORK_CONNECT\n');
					network.pending = network.pending.filter(id => id !== backend.id);
				}
			}
		});
		return 0;
	},
};
