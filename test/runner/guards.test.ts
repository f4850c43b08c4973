import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Guard} from '../../source/domain/action-types.js';
import type {Host} from '../../source/domain/inventory-types.js';
import {command, harness, host, step} from './fixtures.js';

const hosts = [host('a'), host('b'), host('c')];
let directory: string;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-guards-'));
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

/** A guard that holds when `guard-check` prints "holds" on the host. */
const guard = (on: Host): Guard => ({
	host: on,
	shell: {pipeline: [{argv: ['guard-check']}]},
	asRoot: true,
	description: `the guard holds on ${on.id}`,
	holds: output => ({ok: output.stdout.trim() === 'holds', detail: output.stdout.trim()}),
	fix: `fix ${on.id}`,
});

/** Every guard command waits until all three have started (or 2 s passed), then prints its host's verdict. */
const meetingGuards = (failing: readonly string[]) => [{match: /^guard-check$/, async run(io: {host: Host; state: Map<string, string>; print: (text: string) => void}) {
	io.state.set(`started:${io.host.id}`, 'yes');
	for (let waited = 0; waited < 2000 && hosts.some(other => !io.state.has(`started:${other.id}`)); waited += 10) {
		await new Promise(resolve => {
			setTimeout(resolve, 10);
		});
	}

	const met = hosts.every(other => io.state.has(`started:${other.id}`));
	io.print(met && !failing.includes(io.host.id) ? 'holds\n' : `does not hold (${met ? 'failing' : 'ran alone'})\n`);
}}];

describe('guardrails before a step', () => {
	it('are read on every host at once (within --parallel), and the step runs when all hold', async () => {
		const h = harness(directory, meetingGuards([]));
		const result = await h.run([step('guarded', 'migrate', [command(hosts[0]!, ['mark', 'x'])], {guards: hosts.map(on => guard(on))})]);
		expect(h.events.filter(event => event.type === 'step-failed')).toEqual([]);
		expect(result.outcome).toBe('done');
		expect(h.world.count(/^guard-check$/)).toBe(3);
		expect(h.world.maxConcurrent()).toBe(3);
		expect(h.world.count(/^mark x$/)).toBe(1);
	});

	it('stay within the --parallel limit', async () => {
		const h = harness(directory, [{match: /^guard-check$/, async run(io) {
			await new Promise(resolve => {
				setTimeout(resolve, 10);
			});
			io.print('holds\n');
		}}]);
		const result = await h.run([step('guarded', 'migrate', [command(hosts[0]!, ['mark', 'x'])], {guards: hosts.map(on => guard(on))})], {parallel: 2});
		expect(result.outcome).toBe('done');
		expect(h.world.maxConcurrent()).toBe(2);
	});

	it('on one host are read one after another, and stop there at the first that does not hold', async () => {
		const h = harness(directory, [{match: /^guard-check$/, async run(io) {
			await new Promise(resolve => {
				setTimeout(resolve, 10);
			});
			io.print(io.state.has('read-once') ? 'does not hold\n' : 'holds\n');
			io.state.set('read-once', 'yes');
		}}]);
		const [a] = hosts;
		const result = await h.run([step('guarded', 'migrate', [command(a!, ['mark', 'x'])], {guards: [guard(a!), guard(a!), guard(a!)]})]);
		expect(result.failures.map(failure => failure.message)).toEqual(['guardrail: the guard holds on a: does not hold']);
		expect(h.world.maxConcurrent()).toBe(1);
		expect(h.world.count(/^guard-check$/)).toBe(2);
	});

	it('report the first guard that does not hold in their declared order, and the step does not run', async () => {
		const h = harness(directory, meetingGuards(['b', 'c']));
		const result = await h.run([step('guarded', 'migrate', [command(hosts[0]!, ['mark', 'x'])], {guards: hosts.map(on => guard(on))})]);
		expect(result.outcome).toBe('failed');
		expect(result.failures).toEqual([{step: 'guarded', host: 'a', message: 'guardrail: the guard holds on b: does not hold (failing)', hint: 'fix b'}]);
		expect(h.world.count(/^mark x$/)).toBe(0);
	});
});
