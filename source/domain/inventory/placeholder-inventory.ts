import type {Host, Inventory} from '../inventory-types.js';

function placeholderHost(what: string): Host {
	const name = `<${what}>`;
	return {id: name, target: {kind: 'ssh', host: name}, label: name, sudo: false};
}

/**
 * Hosts named `<astakos host>`, `<cyclades host>` … for rendering a plan before any inventory is given.
 * Like a real inventory, vncauthproxy is the Cyclades host and db the Astakos host.
 */
export function placeholderInventory(): Inventory {
	const astakos = placeholderHost('astakos host');
	const cyclades = placeholderHost('cyclades host');
	const master = placeholderHost('ganeti master');
	return {
		astakos,
		cyclades,
		pithos: placeholderHost('pithos host'),
		stats: placeholderHost('stats host'),
		vncauthproxy: cyclades,
		db: astakos,
		ganeti: [{name: '<ganeti backend>', master, nodes: [master, placeholderHost('ganeti node')]}],
	};
}
