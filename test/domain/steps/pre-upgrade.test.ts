import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {missingNetworkPairs} from '../../../source/domain/steps/backend-networks.js';
import {commandsOf, examplePlan, exampleStep, inventoryWith, lines, output} from './plan-fixture.js';

const clusterInfo = readFileSync(fileURLToPath(new URL('../../fixtures/parsers/gnt-cluster-info.txt', import.meta.url)), 'utf8');

describe('0 unique NIC names', () => {
	it('runs add_unique_name_to_nics from toolsDir on the Cyclades host, as root, changing it', () => {
		const step = exampleStep('unique-nic-names');
		expect(lines(step)).toEqual(['cyclades: /usr/lib/synnefo/tools/add_unique_name_to_nics']);
		expect(commandsOf(step)[0]).toMatchObject({mutates: true, asRoot: true, pty: false, prompts: []});
		expect(step.probes.map(probe => `${probe.host.id}: ${renderShell(probe.shell, 'mask')}`)).toEqual([
			'cyclades: /usr/lib/synnefo/tools/add_unique_name_to_nics --dry-run',
		]);
	});

	it('passes --backend-id to the command and its check when nicsBackendId is set, and follows toolsDir', () => {
		const step = exampleStep('unique-nic-names', {set: {nicsBackendId: 2, toolsDir: '/opt/synnefo/tools/'}});
		expect(lines(step)).toEqual(['cyclades: /opt/synnefo/tools/add_unique_name_to_nics --backend-id=2']);
		expect(renderShell(step.probes[0]!.shell, 'mask')).toBe('/opt/synnefo/tools/add_unique_name_to_nics --dry-run --backend-id=2');
	});

	it('is done when the dry run prints only "Nothing to do!" lines', () => {
		const {isDone} = exampleStep('unique-nic-names').probes[0]!;
		const clean = "[INFO] No anonymous NICs in backend 'ganeti1'. Nothing to do!\n[INFO] No anonymous NICs in backend 'ganeti2'. Nothing to do!\n";
		expect(isDone(output('', clean)).ok).toBe(true);
		expect(isDone(output('', `${clean}[INFO] Updating NICs of instance snf-42\n`)).ok).toBe(false);
	});

	it('places the tool under a local host root', () => {
		const inventory = inventoryWith(raw => {
			raw['cyclades'] = {name: 'cyclades', local: {root: '/tmp/sandbox/cyclades'}};
		});
		expect(lines(exampleStep('unique-nic-names', {inventory}))).toEqual(['cyclades: /tmp/sandbox/cyclades/usr/lib/synnefo/tools/add_unique_name_to_nics']);
	});
});

const networks = JSON.stringify([
	{id: '1', name: 'public1', backends: '[1, 2]'},
	{id: '7', name: 'public7', backends: '[1]'},
	{id: '9', name: 'public9', backends: '[]'},
], null, 4);
const backends = JSON.stringify([{id: '1', clustername: 'ganeti1.example.synnefo.org'}, {id: '2', clustername: 'ganeti2.example.synnefo.org'}], null, 4);

describe('3 public networks in every backend (once v0.15 is installed)', () => {
	it('reads the public networks and the backends on the Cyclades host before it runs', () => {
		const step = exampleStep('public-networks-everywhere');
		expect(step.facts.map(fact => [fact.key, fact.host.id, renderShell(fact.shell, 'mask'), fact.asRoot])).toEqual([
			['public-networks', 'cyclades', 'snf-manage network-list --public -o id,name,backends --output-format=json', true],
			['backends', 'cyclades', 'snf-manage backend-list -o id,clustername,offline --output-format=json', true],
		]);
	});

	it('adds every public network to every backend that lacks it, computed from the facts', () => {
		const step = exampleStep('public-networks-everywhere', {facts: {'public-networks': networks, backends}});
		expect(lines(step)).toEqual([
			'cyclades: snf-manage network-modify --add-to-backend=2 -- 7',
			'cyclades: snf-manage network-modify --add-to-backend=1 -- 9',
			'cyclades: snf-manage network-modify --add-to-backend=2 -- 9',
		]);
		expect(step.missing).toEqual([]);
		expect(commandsOf(step).every(action => action.mutates && action.asRoot)).toBe(true);
	});

	it('puts a network ID read from the host after --, so an ID such as --help stays a positional argument', () => {
		const hostile = JSON.stringify([{id: '--help', name: 'odd', backends: '[]'}]);
		const step = exampleStep('public-networks-everywhere', {facts: {'public-networks': hostile, backends}});
		expect(lines(step)).toEqual([
			'cyclades: snf-manage network-modify --add-to-backend=1 -- --help',
			'cyclades: snf-manage network-modify --add-to-backend=2 -- --help',
		]);
	});

	it('renders a placeholder command and names the missing facts before they are read', () => {
		const plan = examplePlan();
		const step = plan.steps.find(candidate => candidate.id === 'public-networks-everywhere')!;
		expect(lines(step)).toEqual(["cyclades: snf-manage network-modify '--add-to-backend=<BACKEND_ID>' -- '<NETWORK_ID>'"]);
		expect(step.missing).toEqual(['public-networks', 'backends']);
		expect(plan.missing).toContain('public-networks');
	});

	it('has nothing to do, and its check passes, when every network is everywhere', () => {
		const complete = JSON.stringify([{id: '1', name: 'public1', backends: '[1, 2]'}]);
		const step = exampleStep('public-networks-everywhere', {facts: {'public-networks': complete, backends}});
		expect(step.actions).toEqual([]);
		expect(step.probes[0]!.isDone(output(complete)).ok).toBe(true);
		expect(step.probes[0]!.isDone(output(networks)).ok).toBe(false);
	});

	it('keeps a placeholder and says why when a list cannot be read', () => {
		const step = exampleStep('public-networks-everywhere', {facts: {'public-networks': 'Error: boom', backends}});
		expect(lines(step)).toEqual(["cyclades: snf-manage network-modify '--add-to-backend=<BACKEND_ID>' -- '<NETWORK_ID>'"]);
		expect(commandsOf(step)[0]!.note).toMatch(/could not read the network lists/);
	});

	it('reads backend ids from list cells however str() printed them, and leaves offline backends out', () => {
		expect(missingNetworkPairs(JSON.stringify([{id: '3', name: 'n', backends: '1,2'}]), backends)).toEqual([]);
		const offline = JSON.stringify([{id: '1', offline: 'False'}, {id: '2', offline: 'True'}]);
		expect(missingNetworkPairs(JSON.stringify([{id: '3', name: 'n', backends: '1'}]), offline)).toEqual([]);
	});

	it('is never sent before the v0.15 packages are installed', () => {
		const plan = examplePlan({facts: {'public-networks': networks, backends}});
		const install = plan.steps.findIndex(candidate => candidate.id === 'install-packages');
		const sending = plan.steps.flatMap((candidate, index) => (candidate.actions.some(action => action.kind === 'command' && renderShell(action.shell, 'mask').includes('--add-to-backend')) ? [index] : []));
		expect(sending.length).toBeGreaterThan(0);
		expect(Math.min(...sending)).toBeGreaterThan(install);
		expect(plan.steps[sending[0]!]!.section.id).toBe('floating-ips');
	});
});

describe('0 disk templates', () => {
	it('sets --ipolicy-disk-templates only on backends that ask for it', () => {
		const step = exampleStep('ganeti-disk-templates');
		expect(lines(step)).toEqual(['gnt3.example.synnefo.org: gnt-cluster modify --ipolicy-disk-templates=ext']);
		expect(step.facts.map(fact => [fact.key, renderShell(fact.shell, 'mask')])).toEqual([['cluster-info:ganeti2', 'gnt-cluster info']]);
	});

	it('shows enabled and allowed templates from gnt-cluster info, and warns when one is not enabled', () => {
		const enabled = exampleStep('ganeti-disk-templates', {facts: {'cluster-info:ganeti2': clusterInfo}});
		expect(commandsOf(enabled)[0]!.note).toMatch(/^backend ganeti2: enabled file,sharedfile,diskless,ext; allowed now file,ext,diskless$/);
		const inventory = inventoryWith(raw => {
			(raw['ganeti'] as Array<Record<string, unknown>>)[1]!['ipolicyDiskTemplates'] = ['rbd', 'ext'];
		});
		const notEnabled = exampleStep('ganeti-disk-templates', {inventory, facts: {'cluster-info:ganeti2': clusterInfo}});
		expect(lines(notEnabled)).toEqual(['gnt3.example.synnefo.org: gnt-cluster modify --ipolicy-disk-templates=rbd,ext']);
		expect(commandsOf(notEnabled)[0]!.note).toMatch(/WARNING: rbd not enabled/);
	});

	it('is done when the allowed templates are the wanted set', () => {
		const [probe] = exampleStep('ganeti-disk-templates').probes;
		expect(probe!.isDone(output(clusterInfo)).ok).toBe(false);
		expect(probe!.isDone(output(clusterInfo.replace(/allowed disk templates: .*/, 'allowed disk templates: ext'))).ok).toBe(true);
	});

	it('is skipped when no backend sets ipolicyDiskTemplates', () => {
		const inventory = inventoryWith(raw => {
			delete (raw['ganeti'] as Array<Record<string, unknown>>)[1]!['ipolicyDiskTemplates'];
		});
		expect(exampleStep('ganeti-disk-templates', {inventory}).skipped).toMatch(/no backend/);
	});
});
