import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loadState} from '../../source/sandbox/state.js';
import {ensureBuilt, newSandbox, removeSandboxes, type Sandbox} from './helpers.js';
import {ok, packages} from './upgrade-steps.js';

beforeAll(() => {
	ensureBuilt();
});
afterAll(() => {
	removeSandboxes();
});

describe('public networks in the backends, before and after 0.15', () => {
	let sandbox: Sandbox;
	beforeAll(() => {
		sandbox = newSandbox();
	});

	it('the 0.14.10 network-modify has no --add-to-backend (synnefo/api/management/commands/network-modify.py at 0.14.10): optparse refuses it', () => {
		for (const spelling of ['--add-to-backend=2 1', '--add-to-backend 2 1']) {
			const result = sandbox.run('cyclades', `snf-manage network-modify ${spelling}`);
			expect([result.code, result.stdout, result.stderr]).toEqual([2, '', 'Usage: snf-manage network-modify [options] <Network ID>\n\nsnf-manage: error: no such option: --add-to-backend\n']);
		}

		expect(sandbox.run('cyclades', 'snf-manage network-modify --remove-from-backend=1 1').stderr).toContain('error: no such option: --remove-from-backend');
		expect(sandbox.run('cyclades', 'snf-manage network-modify --dhcp=True 1').code).toBe(0);
		expect(loadState(sandbox.directory).networks.map(network => network.backends)).toEqual([[1], [2], [1]]);
	});

	it('after the install, networks created while snf-ganeti-eventd is down stay PENDING until reconcile-networks --fix-all', () => {
		for (const host of ['cyclades', 'ganeti1-master', 'ganeti2-master'] as const) {
			ok(sandbox, host, `apt-get install -y ${host === 'cyclades' ? packages.cyclades : packages.ganeti}`);
		}

		ok(sandbox, 'cyclades', 'snf-manage migrate --noinput');
		ok(sandbox, 'ganeti2-master', 'service snf-ganeti-eventd stop');
		expect(ok(sandbox, 'cyclades', 'snf-manage network-modify --add-to-backend=2 1')).toBe("Sent job to create network '<Network: 1>' in backend 'ganeti2.synnefo.test(id=2)'\n");
		// ensure_network_is_active: a PENDING row gets its jobs again; an ACTIVE one none.
		expect(ok(sandbox, 'cyclades', 'snf-manage network-modify --add-to-backend 2 1')).toBe("Sent job to create network '<Network: 1>' in backend 'ganeti2.synnefo.test(id=2)'\n");
		expect(ok(sandbox, 'cyclades', 'snf-manage network-modify --add-to-backend=1 1')).toBe('');
		expect(JSON.parse(ok(sandbox, 'cyclades', 'snf-manage network-list --public -o id,backends --output-format=json'))).toEqual([{id: '1', backends: '1,2'}, {id: '2', backends: '2'}]);
		const inspect = ok(sandbox, 'cyclades', 'snf-manage network-inspect 1');
		expect(inspect).toContain('State of Network 1 in DB for each backend');
		expect(inspect).toMatch(/\n +Backend \| +State \| Deleted \| JobID \| +Opcode \| JobStatus\n-+\n/);
		expect(inspect).toMatch(/\nganeti1\.synnefo\.test \| +ACTIVE \| +False \| +101 \| OP_NETWORK_CONNECT \| +success\nganeti2\.synnefo\.test \| PENDING \|/);
		ok(sandbox, 'ganeti2-master', 'service snf-ganeti-eventd start');
		const report = sandbox.run('cyclades', 'snf-manage reconcile-networks');
		expect([report.code, report.stdout, report.stderr]).toEqual([0, '', 'D: Unsynced network <Network: 1> in backend ganeti2.synnefo.test(id=2)\n']);
		expect(sandbox.run('cyclades', 'snf-manage reconcile-networks --fix-all').stderr).toBe('D: Unsynced network <Network: 1> in backend ganeti2.synnefo.test(id=2)\nF: Issuing OP_NETWORK_CONNECT\n');
		expect(sandbox.run('cyclades', 'snf-manage reconcile-networks')).toMatchObject({code: 0, stdout: '', stderr: ''});
		expect(ok(sandbox, 'cyclades', 'snf-manage network-inspect 1')).toMatch(/\nganeti2\.synnefo\.test \| +ACTIVE \|/);
	});
});
