import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {Guard} from '../../source/domain/action-types.js';
import type {Host} from '../../source/domain/inventory-types.js';
import type {RunEvent} from '../../source/runner/events.js';
import type {FakeIo} from '../helpers/fake-executor.js';
import {command, harness, host, step} from './fixtures.js';

const directories: string[] = [];
afterEach(() => {
	for (const directory of directories.splice(0)) {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});

const newDirectory = () => {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-guards-'));
	directories.push(directory);
	return directory;
};

const [a, b, c] = [host('a'), host('b'), host('c')] as const;

/** Holds when marker `down` is set on the host (the fake world's `check` prints yes/no). */
const downGuard = (on: Host): Guard => ({
	host: on,
	shell: {pipeline: [{argv: ['check', 'down']}]},
	asRoot: false,
	description: `gunicorn is stopped on ${on.id}`,
	holds: output => ({ok: output.stdout.trim() === 'yes', detail: output.stdout.trim() === 'yes' ? 'stopped' : `running on ${on.id}`}),
	fix: `stop it on ${on.id}`,
});

/** Holds when `guard-check` prints "holds" on the host. */
const checkGuard = (on: Host): Guard => ({
	host: on,
	shell: {pipeline: [{argv: ['guard-check']}]},
	asRoot: true,
	description: `the guard holds on ${on.id}`,
	holds: output => ({ok: output.stdout.trim() === 'holds', detail: output.stdout.trim()}),
	fix: `fix ${on.id}`,
});

const pause = async () => new Promise(resolve => {
	setTimeout(resolve, 10);
});

const failedEvents = (events: readonly RunEvent[]) => events.filter((event): event is Extract<RunEvent, {type: 'step-failed'}> => event.type === 'step-failed');

describe('guardrails before a step', () => {
	it('reports every host whose guardrail fails, not only the first, and runs nothing', async () => {
		const test = harness(newDirectory());
		test.world.state.set('b:down', 'yes');
		const migrate = step('migrate-astakos', 'migrate', [command(a, ['mark', 'migrated'])], {guards: [downGuard(a), downGuard(b), downGuard(c)]});
		const result = await test.run([migrate]);
		expect(result.outcome).toBe('failed');
		expect(test.world.count(/^mark migrated$/)).toBe(0);
		const failed = failedEvents(test.events);
		expect(failed).toHaveLength(1);
		expect(failed[0]!.message).toBe('guardrail: gunicorn is stopped on a: running on a; guardrail: gunicorn is stopped on c: running on c');
		expect(failed[0]!.hint).toBe('stop it on a; stop it on c');
		// Every guardrail was asserted (b's holds, and c's was read after a's failed).
		expect(test.world.count(/^check down$/)).toBe(3);
	});

	it('are read on every host at once (within --parallel), and the step runs when all hold', async () => {
		// Each check waits until all three have started (2 s at most): read one host after another, none would hold.
		const test = harness(newDirectory(), [{match: /^guard-check$/, async run(io: FakeIo) {
			io.state.set(`started:${io.host.id}`, 'yes');
			const everyStarted = () => [a, b, c].every(other => io.state.has(`started:${other.id}`));
			for (let waited = 0; waited < 2000 && !everyStarted(); waited += 10) {
				await pause();
			}

			io.print(everyStarted() ? 'holds\n' : 'read alone\n');
		}}]);
		const result = await test.run([step('guarded', 'migrate', [command(a, ['mark', 'x'])], {guards: [checkGuard(a), checkGuard(b), checkGuard(c)]})]);
		expect(failedEvents(test.events)).toEqual([]);
		expect(result.outcome).toBe('done');
		expect(test.world.maxConcurrent()).toBe(3);
		expect(test.world.count(/^mark x$/)).toBe(1);
	});

	it('stay within the --parallel limit', async () => {
		const test = harness(newDirectory(), [{match: /^guard-check$/, async run(io) {
			await pause();
			io.print('holds\n');
		}}]);
		const result = await test.run([step('guarded', 'migrate', [command(a, ['mark', 'x'])], {guards: [checkGuard(a), checkGuard(b), checkGuard(c)]})], {parallel: 2});
		expect(result.outcome).toBe('done');
		expect(test.world.maxConcurrent()).toBe(2);
	});

	it('on one host are read one after another, every one of them, in their declared order', async () => {
		const test = harness(newDirectory(), [{match: /^guard-check$/, async run(io) {
			await pause();
			const reads = Number(io.state.get('reads') ?? '0') + 1;
			io.state.set('reads', String(reads));
			io.print(reads === 1 ? 'holds\n' : `does not hold (read ${reads})\n`);
		}}]);
		const result = await test.run([step('guarded', 'migrate', [command(a, ['mark', 'x'])], {guards: [checkGuard(a), checkGuard(a), checkGuard(a)]})]);
		expect(test.world.maxConcurrent()).toBe(1);
		expect(result.failures.map(failure => failure.message)).toEqual(['guardrail: the guard holds on a: does not hold (read 2); guardrail: the guard holds on a: does not hold (read 3)']);
		expect(test.world.count(/^mark x$/)).toBe(0);
	});
});
