import {writeFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {loopbackAddresses} from '../../source/bench/fleet-fanout-bench.js';
import {fleetInventory} from '../../source/bench/plan-bench.js';
import {resolveAnswers} from '../../source/domain/answers/resolve-answers.js';
import {buildPlan} from '../../source/domain/plan/build-plan.js';
import {answersDocument} from '../../source/sandbox/answers-document.js';
import type {Answers} from '../../source/domain/answer-types.js';
import {sshdExecutor, sshHost, startSshd} from '../helpers/sshd.js';
import type {Sshd} from '../helpers/sshd.js';

describe('the fleet bench', () => {
	let sshd: Sshd | undefined;
	afterEach(async () => {
		await sshd?.stop();
		sshd = undefined;
	});

	it('names 256 distinct loopback hosts, 127.0.0.2 … 127.0.1.1', () => {
		const addresses = loopbackAddresses(256);
		expect(addresses[0]).toBe('127.0.0.2');
		expect(addresses[253]).toBe('127.0.0.255');
		expect(addresses[254]).toBe('127.0.1.0');
		expect(addresses.at(-1)).toBe('127.0.1.1');
		expect(new Set(addresses).size).toBe(256);
	});

	async function runOn(address: string, server: Sshd): Promise<unknown> {
		const knownHosts = `${server.dir}/known_hosts_${address}`;
		writeFileSync(knownHosts, `[${address}]:${server.port} ${server.hostPublicKey}\n`);
		const executor = sshdExecutor(server, {host: sshHost(server, {id: address, host: address}), knownHostsPath: knownHosts});
		try {
			const result = await executor.run('echo reached');
			return result.stdout;
		} catch (error) {
			return error instanceof Error ? error.message : String(error);
		} finally {
			await executor.dispose();
		}
	}

	it('reaches one sshd at 127.0.1.1 when it listens on the whole loopback, and not otherwise', async () => {
		sshd = await startSshd();
		expect(await runOn('127.0.1.1', sshd)).not.toContain('reached');
		await sshd.stop();
		sshd = await startSshd({wholeLoopback: true, maxStartups: '300:30:600', maxSessions: 300});
		expect(await runOn('127.0.1.1', sshd)).toBe('reached\n');
		expect(await runOn('127.0.0.2', sshd)).toBe('reached\n');
	});

	it('plans for 256 Ganeti nodes, every node named in the plan', () => {
		const inventory = fleetInventory(4, 64);
		expect(inventory.ganeti.flatMap(backend => backend.nodes)).toHaveLength(256);
		const plan = buildPlan({answers: resolveAnswers(answersDocument('/nonexistent').answers as Answers), inventory});
		const hosts = new Set(plan.steps.flatMap(step => step.actions.map(action => action.host.id)));
		expect(hosts).toContain('gnt4-node64');
		expect([...hosts].filter(id => id.startsWith('gnt'))).toHaveLength(256);
	});
});
