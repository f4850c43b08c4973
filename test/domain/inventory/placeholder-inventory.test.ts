import {describe, expect, it} from 'vitest';
import {placeholderInventory} from '../../../source/domain/inventory/placeholder-inventory.js';

describe('placeholderInventory', () => {
	const inventory = placeholderInventory();

	it('names every role with a placeholder', () => {
		expect([inventory.astakos, inventory.cyclades, inventory.pithos, inventory.stats].map(host => host?.id)).toEqual([
			'<astakos host>', '<cyclades host>', '<pithos host>', '<stats host>',
		]);
		expect(inventory.astakos).toEqual({id: '<astakos host>', label: '<astakos host>', sudo: false, target: {kind: 'ssh', host: '<astakos host>'}});
	});

	it('defaults vncauthproxy and db like a real inventory', () => {
		expect(inventory.vncauthproxy).toBe(inventory.cyclades);
		expect(inventory.db).toBe(inventory.astakos);
	});

	it('has one Ganeti backend with its master among the nodes', () => {
		expect(inventory.ganeti).toHaveLength(1);
		const [backend] = inventory.ganeti;
		expect(backend?.name).toBe('<ganeti backend>');
		expect(backend?.master.id).toBe('<ganeti master>');
		expect(backend?.nodes[0]).toBe(backend?.master);
		expect(backend?.nodes.map(node => node.id)).toEqual(['<ganeti master>', '<ganeti node>']);
	});

	it('returns a fresh inventory each time', () => {
		expect(placeholderInventory()).toEqual(inventory);
		expect(placeholderInventory().astakos).not.toBe(inventory.astakos);
	});
});
