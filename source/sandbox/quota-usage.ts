import type {SandboxState} from './state-types.js';
import type {Release} from './versions.js';

const mib = 1024 * 1024;
const gib = 1024 * mib;

/** Cyclades' own usage per user and resource, computed from its database, as the given release counts it (facts §8.9). */
export function cycladesUsage(state: SandboxState, release: Release): Record<string, Record<string, number>> {
	const usage: Record<string, Record<string, number>> = {};
	const names = release === '0.15'
		? ['cyclades.vm', 'cyclades.total_cpu', 'cyclades.cpu', 'cyclades.total_ram', 'cyclades.ram', 'cyclades.disk', 'cyclades.network.private', 'cyclades.floating_ip']
		: ['cyclades.vm', 'cyclades.cpu', 'cyclades.ram', 'cyclades.disk', 'cyclades.network.private'];
	for (const user of state.users) {
		usage[user.uuid] = Object.fromEntries(names.map(name => [name, 0]));
	}

	const add = (user: string, name: string, amount: number) => {
		const row = usage[user];
		if (row && name in row) {
			row[name] = (row[name] ?? 0) + amount;
		}
	};

	for (const server of state.instances) {
		add(server.user, 'cyclades.vm', 1);
		add(server.user, 'cyclades.disk', server.disk * gib);
		if (release === '0.15') {
			add(server.user, 'cyclades.total_cpu', server.cpu);
			add(server.user, 'cyclades.total_ram', server.ram * mib);
		}

		if (release === '0.14' || server.running) {
			add(server.user, 'cyclades.cpu', server.cpu);
			add(server.user, 'cyclades.ram', server.ram * mib);
		}
	}

	for (const network of state.networks) {
		if (!network.public && network.user) {
			add(network.user, 'cyclades.network.private', 1);
		}
	}

	for (const ip of state.ips) {
		if (ip.floating) {
			add(ip.user, 'cyclades.floating_ip', 1);
		}
	}

	return usage;
}
