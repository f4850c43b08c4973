import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {CommandAction} from '../../../source/domain/action-types.js';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {garbageOutputs, status} from '../../helpers/verdict-status.js';
import {exampleStep, output} from './plan-fixture.js';

const links = JSON.stringify([
	{id: '1', name: 'public1', mode: 'routed', link: 'snf_public'},
	{id: '7', name: 'public7', mode: 'bridged', link: 'br7'},
	{id: '8', name: 'public8', mode: 'routed', link: 'snf_public'},
	{id: '9', name: 'odd', mode: 'ip_less_routed', link: 'x'},
], null, 4);

const roots: string[] = [];
afterEach(() => {
	for (const root of roots.splice(0)) {
		fs.rmSync(root, {recursive: true, force: true});
	}
});

/** Runs a rendered read-only node script for real, with the node's files under a temporary root. */
function runOnNode(script: string, root: string): string {
	return execFileSync('/bin/sh', ['-c', script.replaceAll('/sys/class/net/', `${root}/sys/class/net/`).replaceAll('/etc/iproute2/', `${root}/etc/iproute2/`)], {encoding: 'utf8'});
}

describe('0 backend-network-config: the nodes can carry every public network (read-only)', () => {
	it('reads mode and link of the public networks with a command v0.14.10 has, and only reads on every node', () => {
		const step = exampleStep('backend-network-config', {facts: {'public-network-links': links}});
		expect(renderShell(step.facts[0]!.shell, 'mask')).toBe('snf-manage network-list --public -o id,name,mode,link --output-format=json');
		expect(step.actions.map(action => action.host.id)).toEqual(['gnt1.example.synnefo.org', 'gnt2.example.synnefo.org', 'gnt3.example.synnefo.org', 'gnt4.example.synnefo.org']);
		expect(step.actions.every(action => action.kind === 'command' && !action.mutates)).toBe(true);
		expect((step.actions[0] as CommandAction).note).toContain('network 9 (mode ip_less_routed, link x)');
		expect(step.rerunSafe).toBe(true);
	});

	it('finds the bridge and the routing table on a real filesystem, and names what is missing', () => {
		const step = exampleStep('backend-network-config', {facts: {'public-network-links': links}});
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-node-'));
		roots.push(root);
		fs.mkdirSync(path.join(root, 'etc/iproute2'), {recursive: true});
		fs.writeFileSync(path.join(root, 'etc/iproute2/rt_tables'), '255\tlocal\n254\tmain\n#100 snf_public\n');
		const script = renderShell(step.probes[0]!.shell, 'reveal');
		const before = runOnNode(script, root);
		expect(before).toBe('missing routing-table snf_public\nmissing bridge br7\n');
		expect(step.probes[0]!.isDone(output(before))).toEqual({ok: false, detail: 'missing routing-table snf_public (network 1, 8); bridge br7 (network 7)'});
		expect(status((step.actions[0] as CommandAction).check!(output(before)))).toBe('to do');
		fs.appendFileSync(path.join(root, 'etc/iproute2/rt_tables'), '100\tsnf_public\n');
		fs.mkdirSync(path.join(root, 'sys/class/net/br7/bridge'), {recursive: true});
		const after = runOnNode(script, root);
		expect(step.probes[0]!.isDone(output(after))).toEqual({ok: true, detail: 'has routing-table snf_public, bridge br7'});
	});

	it.each(garbageOutputs)('cannot tell from %s', (_name, garbage) => {
		const step = exampleStep('backend-network-config', {facts: {'public-network-links': links}});
		expect(status(step.probes[0]!.isDone(garbage))).toBe('cannot tell');
	});

	it('never passes without the network list', () => {
		const step = exampleStep('backend-network-config');
		expect(step.missing).toEqual(['public-network-links']);
		expect(status((step.actions[0] as CommandAction).check!(output('')))).toBe('cannot tell');
		expect(status(step.probes[0]!.isDone(output('')))).toBe('cannot tell');
	});
});

const inspect = (id: string, rows: string) => `---------------------------------
     State of Network ${id} in DB
---------------------------------
            name |  public-ipv4-a


--------------------------------------------------------------------------------
                 State of Network ${id} in DB for each backend
--------------------------------------------------------------------------------
             Backend |   State | Deleted | JobID |             Opcode | JobStatus
--------------------------------------------------------------------------------
${rows}


`;
const active = (backend: string) => `${backend} |  ACTIVE |   False |   101 | OP_NETWORK_CONNECT |   success`;
const pending = (backend: string) => `${backend} | PENDING |   False |   102 | OP_NETWORK_CONNECT |   success`;

describe('5 reconcile-pending-networks', () => {
	const ids = JSON.stringify([{id: '1'}, {id: '2'}]);
	it('inspects every public network and reconciles with --fix-all, the only fixing option of reconcile-networks', () => {
		const step = exampleStep('reconcile-pending-networks', {facts: {'public-network-ids': ids}});
		expect(renderShell(step.probes[0]!.shell, 'mask')).toBe('snf-manage network-inspect 1 && snf-manage network-inspect 2');
		expect(renderShell((step.actions[0] as CommandAction).shell, 'mask')).toBe('snf-manage reconcile-networks --fix-all');
		expect(step.section.number).toBe('5');
	});

	it.each<readonly [string, string, string]>([
		['every row ACTIVE', inspect('1', `${active('g1')}\n${active('g2')}`) + inspect('2', active('g1')), 'done'],
		['a row PENDING', inspect('1', `${active('g1')}\n${pending('g2')}`) + inspect('2', active('g1')), 'to do'],
		['one network missing from the output', inspect('1', active('g1')), 'cannot tell'],
		...garbageOutputs.map(([name, garbage]) => [name, garbage.stdout, 'cannot tell'] as const),
	])('%s → %s', (_name, stdout, expected) => {
		const step = exampleStep('reconcile-pending-networks', {facts: {'public-network-ids': ids}});
		expect(status(step.probes[0]!.isDone(output(stdout)))).toBe(expected);
	});

	it('cannot tell before the public networks are read; done when there is none', () => {
		expect(status(exampleStep('reconcile-pending-networks').probes[0]!.isDone(output('[]\n')))).toBe('cannot tell');
		const none = exampleStep('reconcile-pending-networks', {facts: {'public-network-ids': '[]\n'}});
		expect(status(none.probes[0]!.isDone(output('[]\n')))).toBe('done');
		expect(status(none.probes[0]!.isDone(output('[{"id": "4"}]\n')))).toBe('cannot tell');
	});
});
