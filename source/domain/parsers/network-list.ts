import {parseSnfManageJson} from './snf-manage-json.js';

export interface PublicNetwork {
	readonly id: string;
	readonly name: string;
	/** The bridge or routing table (Ganeti network link) every node must have. */
	readonly link: string;
	/** bridged or routed. */
	readonly mode: string;
	/** IDs of the backends that have the network. */
	readonly backends: readonly string[];
}

/** The fields the public-network reader asks for (all exist at 0.14.10 and 0.15, facts §3.9). */
export const publicNetworkFields = ['id', 'name', 'link', 'mode', 'backends'] as const;

/**
 * Backend IDs of a `backends` cell: str() of a values_list ("[1, 2]", "[1L, 2L]" from Python 2 longs,
 * "[]"), or the comma list "1,2". Anything else is not read as an empty list.
 */
export function backendIds(cell: string): string[] {
	const inner = cell.trim().replace(/^\[(.*)\]$/s, '$1').trim();
	if (inner === '') {
		return [];
	}

	const ids = inner.split(',').map(item => item.trim().replace(/^(\d+)L$/, '$1'));
	if (!ids.every(id => /^\d+$/.test(id))) {
		throw new Error(`snf-manage network-list printed backends ${JSON.stringify(cell)}, not a list of backend IDs.`);
	}

	return ids;
}

/** `snf-manage network-list --public -o id,name,link,mode,backends --output-format json`. */
export function parsePublicNetworks(stdout: string): PublicNetwork[] {
	return parseSnfManageJson(stdout, 'network-list').map(row => {
		const missing = publicNetworkFields.filter(field => row[field] === undefined);
		if (missing.length > 0) {
			throw new Error(`snf-manage network-list printed a row without ${missing.join(', ')}.`);
		}

		return {id: row['id']!, name: row['name']!, link: row['link']!, mode: row['mode']!, backends: backendIds(row['backends']!)};
	});
}
