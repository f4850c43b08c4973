import {describe, expect, it} from 'vitest';
import {parseInventory} from '../../../source/domain/inventory/parse-inventory.js';
import {inputErrorOf} from '../../helpers/input-error.js';

const ganeti = [{name: 'ganeti1', master: 'root@gnt1.example.org', nodes: ['root@gnt2.example.org']}];

function inventoryWith(roles: Record<string, unknown>) {
	return parseInventory({astakos: 'admin@accounts.example.org', cyclades: 'admin@compute.example.org', pithos: 'admin@storage.example.org', ganeti, ...roles}, 'answers.json');
}

describe('parseInventory host specs', () => {
	it.each([
		['admin@accounts.example.org', {id: 'accounts.example.org', label: 'admin@accounts.example.org', sudo: true, target: {kind: 'ssh', user: 'admin', host: 'accounts.example.org'}}],
		['admin@api.example.org:2222', {id: 'api.example.org', label: 'admin@api.example.org:2222', sudo: true, target: {kind: 'ssh', user: 'admin', host: 'api.example.org', port: 2222}}],
		['root@accounts.example.org', {id: 'accounts.example.org', sudo: false, target: {kind: 'ssh', user: 'root', host: 'accounts.example.org'}}],
		['accounts', {id: 'accounts', label: 'accounts', sudo: false, target: {kind: 'ssh', host: 'accounts'}}],
		['admin@[::1]:2200', {id: '::1', label: 'admin@[::1]:2200', target: {kind: 'ssh', user: 'admin', host: '::1', port: 2200}}],
		['local', {id: 'local', label: 'local', sudo: false, target: {kind: 'local', root: '', env: {}}}],
		[{name: 'acc', ssh: 'accounts', sudo: true}, {id: 'acc', label: 'accounts', sudo: true, target: {kind: 'ssh', host: 'accounts'}}],
		[{name: 'acc', ssh: 'admin@accounts', sudo: false}, {id: 'acc', sudo: false}],
		[{name: 'astakos', local: {root: '/tmp/sb/astakos/', env: {PATH: '/tmp/sb/bin:/usr/bin'}}}, {id: 'astakos', label: 'local (/tmp/sb/astakos)', sudo: false, target: {kind: 'local', root: '/tmp/sb/astakos', env: {PATH: '/tmp/sb/bin:/usr/bin'}}}],
		[{local: {root: ''}}, {id: 'local', label: 'local', target: {kind: 'local', root: '', env: {}}}],
	] as const)('%j', (spec, host) => {
		expect(inventoryWith({astakos: spec}).astakos).toMatchObject(host);
	});
});

describe('parseInventory shares hosts', () => {
	it('gives a combined Astakos+Cyclades node one Host object', () => {
		const inventory = inventoryWith({astakos: 'admin@node1.example.org', cyclades: 'admin@node1.example.org'});
		expect(inventory.cyclades).toBe(inventory.astakos);
		expect(inventory.db).toBe(inventory.astakos);
		expect(inventory.vncauthproxy).toBe(inventory.astakos);
	});

	it('merges an explicit name given in one role only', () => {
		const inventory = inventoryWith({astakos: 'admin@node1.example.org', cyclades: {name: 'node1', ssh: 'admin@node1.example.org'}});
		expect(inventory.astakos).toBe(inventory.cyclades);
		expect(inventory.astakos.id).toBe('node1');
	});

	it('shares a local root between roles', () => {
		const local = {name: 'sb', local: {root: '/tmp/sb'}};
		const inventory = inventoryWith({astakos: local, pithos: {local: {root: '/tmp/sb/'}}});
		expect(inventory.pithos).toBe(inventory.astakos);
	});

	it('shares Ganeti nodes with roles and puts the master first when missing from nodes', () => {
		const inventory = inventoryWith({cyclades: 'root@gnt1.example.org'});
		const [backend] = inventory.ganeti;
		expect(backend?.master).toBe(inventory.cyclades);
		expect(backend?.nodes.map(node => node.id)).toEqual(['gnt1.example.org', 'gnt2.example.org']);
		expect(backend?.nodes[0]).toBe(backend?.master);
	});

	it('defaults vncauthproxy to Cyclades, db to Astakos, and allows no stats host', () => {
		const inventory = inventoryWith({stats: null});
		expect(inventory.vncauthproxy).toBe(inventory.cyclades);
		expect(inventory.db).toBe(inventory.astakos);
		expect(inventory.stats).toBeUndefined();
		expect('stats' in inventory).toBe(false);
	});

	it('keeps a master-only backend and disk templates', () => {
		const inventory = inventoryWith({ganeti: [{name: 'b1', master: 'gnt1', ipolicyDiskTemplates: ['ext', 'drbd', 'ext']}, {name: 'b2', master: 'gnt2', nodes: ['gnt2', 'gnt3']}]});
		expect(inventory.ganeti.map(backend => [backend.name, backend.nodes.map(node => node.id), backend.ipolicyDiskTemplates])).toEqual([
			['b1', ['gnt1'], ['ext', 'drbd']],
			['b2', ['gnt2', 'gnt3'], undefined],
		]);
	});
});

describe('parseInventory errors', () => {
	it.each([
		['not an object', () => parseInventory([], 'answers.json'), 'answers.json: inventory: expected an object of hosts by role, got a list'],
		['unknown role', () => inventoryWith({cycaldes: 'x'}), "answers.json: inventory.cycaldes: unknown role (did you mean 'cyclades'?)"],
		['missing role', () => inventoryWith({pithos: undefined}), 'answers.json: inventory.pithos: missing: the pithos host'],
		['bad ssh target', () => inventoryWith({pithos: 'admin@'}), 'answers.json: inventory.pithos: expected an SSH target "[user@]host[:port]" (port 1-65535), got "admin@"'],
		['port out of range', () => inventoryWith({pithos: 'pithos:70000'}), 'answers.json: inventory.pithos: expected an SSH target'],
		['number as host', () => inventoryWith({pithos: 5}), 'answers.json: inventory.pithos: expected "local", "[user@]host[:port]" or'],
		['both ssh and local', () => inventoryWith({pithos: {ssh: 'a', local: {root: ''}}}), 'answers.json: inventory.pithos: give exactly one of "ssh" and "local"'],
		['neither ssh nor local', () => inventoryWith({pithos: {name: 'p'}}), 'answers.json: inventory.pithos: give exactly one of "ssh" and "local"'],
		['unknown host field', () => inventoryWith({pithos: {ssh: 'a', user: 'x'}}), 'answers.json: inventory.pithos.user: unknown field'],
		['bad name', () => inventoryWith({pithos: {ssh: 'a', name: 'my host'}}), 'answers.json: inventory.pithos.name: expected a short name'],
		['bad sudo', () => inventoryWith({pithos: {ssh: 'a', sudo: 'yes'}}), 'answers.json: inventory.pithos.sudo: expected true or false, got a string'],
		['relative local root', () => inventoryWith({pithos: {local: {root: 'sb'}}}), 'answers.json: inventory.pithos.local.root: expected "" or an absolute directory'],
		['bad env', () => inventoryWith({pithos: {local: {root: '/sb', env: {PATH: 1}}}}), 'answers.json: inventory.pithos.local.env.PATH: expected a variable name'],
		['no ganeti', () => inventoryWith({ganeti: []}), 'answers.json: inventory.ganeti: expected a non-empty list of Ganeti backends, got a list'],
		['ganeti missing', () => inventoryWith({ganeti: undefined}), 'answers.json: inventory.ganeti: expected a non-empty list of Ganeti backends, got nothing'],
		['backend without master', () => inventoryWith({ganeti: [{name: 'b'}]}), 'answers.json: inventory.ganeti[0].master: missing'],
		['backend without name', () => inventoryWith({ganeti: [{master: 'g'}]}), 'answers.json: inventory.ganeti[0].name: expected the backend\'s name'],
		['duplicate backend name', () => inventoryWith({ganeti: [{name: 'b', master: 'g1'}, {name: 'b', master: 'g2'}]}), "answers.json: inventory.ganeti[1].name: the backend name 'b' is used twice"],
		['unknown backend field', () => inventoryWith({ganeti: [{name: 'b', master: 'g', node: []}]}), "answers.json: inventory.ganeti[0].node: unknown field (did you mean 'nodes'?)"],
		['bad node', () => inventoryWith({ganeti: [{name: 'b', master: 'g', nodes: ['ok', '@bad']}]}), 'answers.json: inventory.ganeti[0].nodes[1]: expected an SSH target'],
		['bad disk template', () => inventoryWith({ganeti: [{name: 'b', master: 'g', ipolicyDiskTemplates: ['ext4']}]}), 'answers.json: inventory.ganeti[0].ipolicyDiskTemplates[0]: expected one of diskless, file, sharedfile, plain, blockdev, drbd, rbd, ext, got "ext4"'],
		['same id, different targets', () => inventoryWith({astakos: 'admin@node1.example.org', cyclades: 'root@node1.example.org'}), "answers.json: inventory.cyclades: root@node1.example.org and admin@node1.example.org (given at inventory.astakos) are different targets that would both be called 'node1.example.org'"],
		['same id via names', () => inventoryWith({astakos: {name: 'n', ssh: 'a'}, cyclades: {name: 'n', ssh: 'b'}}), "answers.json: inventory.cyclades: b and a (given at inventory.astakos) are different targets that would both be called 'n'"],
		['two local roots', () => inventoryWith({astakos: {local: {root: '/sb/a'}}, cyclades: {local: {root: '/sb/c'}}}), "would both be called 'local'"],
		['one target, two names', () => inventoryWith({astakos: {name: 'a', ssh: 'node1'}, cyclades: {name: 'c', ssh: 'node1'}}), "answers.json: inventory.cyclades: node1 is also given at inventory.astakos with the name 'a', not 'c'"],
		['one target, two sudo values', () => inventoryWith({astakos: {ssh: 'node1', sudo: true}, cyclades: {ssh: 'node1', sudo: false}}), 'answers.json: inventory.cyclades: node1 is also given at inventory.astakos with "sudo": true'],
	] as const)('%s', (_name, run, message) => {
		expect(inputErrorOf(run).message).toContain(message);
		expect(inputErrorOf(run).message.startsWith('answers.json: ')).toBe(true);
	});

	it('asks for explicit names when two targets collide', () => {
		const error = inputErrorOf(() => inventoryWith({astakos: 'admin@node1', cyclades: 'root@node1'}));
		expect(error.hint).toContain('"name"');
	});
});
