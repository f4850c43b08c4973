import type {Host, Inventory} from '../inventory-types.js';
import {ansibleHostName} from './ansible-names.js';
import {unsafe, yamlLines, type YamlValue} from './yaml-emit.js';

/** Inventory groups by role, in runbook order. */
export function roleGroups(inventory: Inventory): Array<readonly [string, readonly Host[]]> {
	return [
		['synnefo_astakos', [inventory.astakos]],
		['synnefo_cyclades', [inventory.cyclades]],
		['synnefo_pithos', [inventory.pithos]],
		['synnefo_stats', inventory.stats ? [inventory.stats] : []],
		['synnefo_vncauthproxy', [inventory.vncauthproxy]],
		['synnefo_db', [inventory.db]],
		['ganeti_masters', inventory.ganeti.map(backend => backend.master)],
		['ganeti_nodes', inventory.ganeti.flatMap(backend => [backend.master, ...backend.nodes])],
	];
}

function hostVariables(host: Host): Record<string, YamlValue> {
	const {target} = host;
	if (target.kind === 'local') {
		return {ansible_connection: 'local', snf_label: unsafe(host.label)};
	}

	return {
		ansible_host: unsafe(target.host),
		...(target.user === undefined ? {} : {ansible_user: unsafe(target.user)}),
		...(target.port === undefined ? {} : {ansible_port: target.port}),
		snf_label: unsafe(host.label),
	};
}

/**
 * inventory.yml: every host once under its id (how to reach it), the role groups, and the command line of
 * the snf-upgrade that judges the checks (`snf_upgrade_argv`, run on the controller).
 */
export function renderInventory(inventory: Inventory, hosts: readonly Host[], snfUpgradeArgv: readonly string[]): string {
	const groups: Record<string, YamlValue> = {};
	for (const [name, members] of roleGroups(inventory)) {
		if (members.length > 0) {
			groups[name] = {hosts: Object.fromEntries([...new Set(members.map(host => ansibleHostName(host)))].map(id => [id, {}]))};
		}
	}

	const document: YamlValue = {
		all: {
			vars: {
				snf_upgrade_argv: snfUpgradeArgv.map(word => unsafe(word)),
				ansible_python_interpreter: 'auto_silent',
			},
			hosts: Object.fromEntries(hosts.map(host => [ansibleHostName(host), hostVariables(host)])),
			children: groups,
		},
	};
	return ['# snf-upgrade: the hosts of the v0.14 -> v0.15 upgrade, by role (see playbook.yml).', '---', ...yamlLines(document), ''].join('\n');
}

/**
 * The play's hosts as role groups: groups wholly inside the hosts first (in role order), then, for a host
 * left over, the smallest group that holds it. Hosts outside the step lists skip every task.
 */
export function playPattern(inventory: Inventory, hostIds: readonly string[]): string {
	const wanted = new Set(hostIds);
	const left = new Set(hostIds);
	const chosen: string[] = [];
	const groups = roleGroups(inventory).filter(([, members]) => members.length > 0);
	for (const [name, members] of groups) {
		if (members.every(host => wanted.has(host.id)) && members.some(host => left.has(host.id))) {
			chosen.push(name);
			for (const host of members) {
				left.delete(host.id);
			}
		}
	}

	for (const id of left) {
		const [name, members] = groups.filter(([, list]) => list.some(host => host.id === id)).sort((a, b) => a[1].length - b[1].length)[0]!;
		if (!chosen.includes(name)) {
			chosen.push(name);
		}

		for (const host of members) {
			left.delete(host.id);
		}
	}

	return chosen.join(':');
}
