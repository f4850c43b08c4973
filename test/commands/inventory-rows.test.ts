import {describe, expect, it} from 'vitest';
import {inventoryRows, withHost} from '../../source/commands/wizard/inventory-rows.js';
import {parseInventory} from '../../source/domain/inventory/parse-inventory.js';

const raw = {
	astakos: 'root@accounts.example.org',
	cyclades: 'root@cyclades.example.org',
	pithos: 'root@pithos.example.org',
	ganeti: [{name: 'ganeti2', master: 'root@gnt3.example.org', nodes: ['root@gnt4.example.org']}],
};

describe('the inventory screen\'s rows', () => {
	it('a node\'s path is its place in the saved list, though the parser puts the master first: editing it replaces that node', () => {
		const row = inventoryRows(parseInventory(raw, 'test'), raw).find(candidate => candidate.role === 'ganeti2 node')!;
		expect(row).toMatchObject({label: 'root@gnt4.example.org', path: 'ganeti[0].nodes[0]', backend: 0});
		expect((withHost(raw, row.path, 'root@gnt5.example.org').ganeti as Array<{nodes: string[]}>)[0]!.nodes).toEqual(['root@gnt5.example.org']);
	});
});
