import type {Inventory} from '../../domain/inventory-types.js';
import {parseInventory} from '../../domain/inventory/parse-inventory.js';
import {InputError} from '../../domain/errors.js';
import {backendsOf, labelOf} from './inventory-backends.js';
import type {InventoryRow} from '../../ui/deployment.js';

/**
 * Every role's host, as the inventory screen lists them (a host in several roles is listed once per role).
 * A node's path is its place in the saved list (`raw`), which the parser may have changed (the master added first).
 */
export function inventoryRows(inventory: Inventory, raw: Record<string, unknown>): InventoryRow[] {
	const rows: InventoryRow[] = [];
	for (const role of ['astakos', 'cyclades', 'pithos', 'stats', 'vncauthproxy', 'db'] as const) {
		const host = inventory[role];
		if (host !== undefined) {
			rows.push({role, hostId: host.id, label: host.label, path: role});
		}
	}

	for (const [index, backend] of inventory.ganeti.entries()) {
		rows.push({role: `${backend.name} master`, hostId: backend.master.id, label: backend.master.label, path: `ganeti[${index}].master`, backend: index});
		const saved = backendsOf(raw)[index]?.nodes;
		const savedLabels = Array.isArray(saved) ? saved.map(entry => labelOf(entry)) : [];
		for (const node of backend.nodes) {
			if (node.id !== backend.master.id) {
				rows.push({role: `${backend.name} node`, hostId: node.id, label: node.label, path: `ganeti[${index}].nodes[${savedLabels.indexOf(node.label)}]`, backend: index});
			}
		}
	}

	return rows;
}

/**
 * The raw inventory with the host at `path` ("cyclades", "ganeti[0].nodes[1]") replaced by `text`
 * ("local", "[user@]host[:port]"), checked by the inventory parser; throws its InputError.
 */
export function withHost(raw: Record<string, unknown>, path: string, text: string): Record<string, unknown> {
	const copy = structuredClone(raw);
	const match = /^ganeti\[(\d+)\]\.(master|nodes\[(\d+)\])$/.exec(path);
	if (match === null) {
		copy[path] = text;
	} else {
		const backend = (copy.ganeti as Array<Record<string, unknown>>)[Number(match[1])]!;
		if (match[3] === undefined) {
			backend.master = text;
		} else {
			(backend.nodes as unknown[])[Number(match[3])] = text;
		}
	}

	parseInventory(copy, 'the inventory');
	return copy;
}

export const inputErrorText = (error: unknown): string => {
	if (error instanceof InputError) {
		return error.hint === undefined ? error.message : `${error.message} ${error.hint}`;
	}

	throw error;
};
