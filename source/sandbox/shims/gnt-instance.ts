import {loadState, updateState} from '../state.js';
import type {Instance} from '../state-types.js';
import type {ShimContext} from './context.js';
import {masterBackend} from './ganeti.js';

const pyList = (names: ReadonlyArray<string | null>) => `[${names.map(name => (name === null ? 'None' : `'${name}'`)).join(', ')}]`;

function field(server: Instance, name: string, node: string): [string, string] | undefined {
	const nicName = /^nic\.name\/(\d+)$/.exec(name);
	if (nicName) {
		const nic = server.nics[Number(nicName[1])];
		return [`NIC_name/${nicName[1]}`, nic ? (nic.name ?? '') : '-'];
	}

	const values: Record<string, [string, string]> = {
		name: ['Instance', `snf-${server.id}`],
		'nic.names': ['NIC_Names', pyList(server.nics.map(nic => nic.name))],
		'nic.count': ['NICs', String(server.nics.length)],
		status: ['Status', server.running ? 'running' : 'ADMIN_down'],
		pnode: ['Primary_node', node],
		'be/memory': ['ConfigMaxMem', `${server.ram}M`],
		tags: ['Tags', server.tags.join(',')],
		os: ['OS', 'snf-image+default'],
		hypervisor: ['Hypervisor', 'kvm'],
	};
	return values[name];
}

/** gnt-instance list [-o FIELDS] [--no-headers] [--separator=S] | modify --net IDX:modify,name=N INSTANCE. */
export default async function gntInstance(context: ShimContext): Promise<number> {
	const backend = masterBackend(context);
	if (!backend) {
		return 1;
	}

	const [command, ...args] = context.args;
	if (command === 'list') {
		let fields = ['name', 'hypervisor', 'os', 'pnode', 'status', 'be/memory'];
		let separator: string | undefined;
		let headers = true;
		for (let index = 0; index < args.length; index++) {
			const arg = args[index]!;
			if (arg === '-o') {
				fields = (args[++index] ?? '').split(',');
			} else if (arg.startsWith('-o')) {
				fields = arg.slice(2).replace(/^=/, '').split(',');
			} else if (arg.startsWith('--output=')) {
				fields = arg.slice(9).split(',');
			} else if (arg === '--no-headers') {
				headers = false;
			} else if (arg.startsWith('--separator=')) {
				separator = arg.slice(12);
			}
		}

		const state = loadState(context.sandbox);
		const servers = state.instances.filter(server => server.backend === backend.id);
		const unknown = fields.find(name => !servers.length || field(servers[0]!, name, backend.master) === undefined);
		if (unknown && servers.length > 0) {
			context.err(`Failure: prerequisites not met for this operation:\nerror type: wrong_input, error details:\nUnknown output fields selected: ${unknown}\n`);
			return 1;
		}

		const rows = servers.map(server => fields.map(name => field(server, name, backend.master)![1]));
		const titles = fields.map(name => (servers[0] ? field(servers[0], name, backend.master)![0] : name));
		const table = headers ? [titles, ...rows] : rows;
		const widths = titles.map((_, column) => Math.max(...table.map(row => row[column]!.length)));
		for (const row of table) {
			context.out((separator === undefined ? row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join(' ') : row.join(separator)).trimEnd() + '\n');
		}

		return 0;
	}

	if (command !== 'modify') {
		context.err('Usage: gnt-instance {command} [options...]\n');
		return 1;
	}

	const netIndex = args.findIndex(arg => arg === '--net');
	const change = netIndex === -1 ? undefined : args[netIndex + 1];
	const instance = args.at(-1);
	const match = change ? /^(\w[\w-]*):modify,name=(.+)$/.exec(change) : null;
	if (!match || !instance) {
		context.err('Failure: prerequisites not met for this operation:\nerror type: wrong_input, error details:\nNo changes submitted\n');
		return 1;
	}

	return updateState(context.sandbox, state => {
		const server = state.instances.find(candidate => `snf-${candidate.id}` === instance && candidate.backend === backend.id);
		if (!server) {
			context.err(`Failure: prerequisites not met for this operation:\nerror type: unknown_entity, error details:\nInstance '${instance}' not known\n`);
			return 1;
		}

		const [, id, name] = match;
		const index = /^\d+$/.test(id!) ? Number(id) : server.nics.findIndex(nic => nic.name === id);
		const nic = server.nics[index];
		if (!nic) {
			context.err(`Failure: prerequisites not met for this operation:\nerror type: wrong_input, error details:\nCannot modify NIC ${id}, no such NIC\n`);
			return 1;
		}

		if (server.nics.some(other => other !== nic && other.name === name)) {
			context.err(`Failure: prerequisites not met for this operation:\nerror type: wrong_input, error details:\nNIC name '${name}' already used\n`);
			return 1;
		}

		nic.name = name!;
		context.out(`Modified instance ${instance}\n - nic.name/${index} -> ${name}\nPlease don't forget that most parameters take effect only at the next (re)start of the instance initiated by ganeti; restarting from within the instance will not be enough.\n`);
		return 0;
	});
}
