import type {Host, Inventory} from '../domain/inventory-types.js';

/** Every host of the inventory, each once (by id), in role order. */
export function inventoryHosts(inventory: Inventory): Host[] {
	const hosts = new Map<string, Host>();
	const all = [
		inventory.astakos,
		inventory.cyclades,
		inventory.pithos,
		...(inventory.stats ? [inventory.stats] : []),
		inventory.vncauthproxy,
		inventory.db,
		...inventory.ganeti.flatMap(backend => [backend.master, ...backend.nodes]),
	];
	for (const host of all) {
		if (!hosts.has(host.id)) {
			hosts.set(host.id, host);
		}
	}

	return [...hosts.values()];
}
