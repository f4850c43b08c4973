import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {FailureChoice, FailureRequest} from '../../source/runner/run-types.js';
import {readJournalFile} from '../../source/state/journal.js';
import type {FakeRule} from '../helpers/fake-executor.js';
import {command, harness, host, markerProbe, step} from './fixtures.js';

const a = host('a');
const b = host('b');
let directory: string;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-runner-choices-'));
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

/** `flaky` fails until the marker `fixed` is set on its host; then it sets `flaky` (like mark). */
const flaky: FakeRule = {match: /^flaky$/, run(io) {
	if (!io.state.has(`${io.host.id}:fixed`)) {
		io.print('not yet\n', 'stderr');
		return {exitCode: 1};
	}

	io.state.set(`${io.host.id}:flaky`, 'yes');
}};

/** Answers failures from a list, fixing the host first when told to. */
function chooser(choices: FailureChoice[], before?: (request: FailureRequest) => void) {
	const asked: FailureRequest[] = [];
	return {
		asked,
		async onFailure(request: FailureRequest) {
			asked.push(request);
			before?.(request);
			return choices.shift() ?? 'stop';
		},
	};
}

describe('runPlan with onFailure (the wizard’s failure screen)', () => {
	it('retry: the host’s step runs again once the cause is fixed, and the failure no longer counts', async () => {
		const h = harness(directory, [flaky]);
		const choices = chooser(['retry'], request => h.world.state.set(`${request.host}:fixed`, 'yes'));
		const result = await h.run([step('s', 'oauth', [command(a, ['flaky'])]), step('later', 'stats', [command(a, ['mark', 'later'])])], {onFailure: choices.onFailure});
		expect(choices.asked).toMatchObject([{step: {id: 's'}, host: 'a'}]);
		expect(h.world.count(/^flaky$/)).toBe(2);
		expect(result).toMatchObject({outcome: 'done', failures: [], summary: {ran: 2, failed: 0}});
		expect(readJournalFile(h.journalFile)!.steps.s!.a!.status).toBe('done');
	});

	it('retry after a failure that took effect: the probe says done, nothing runs twice', async () => {
		const tookEffect: FakeRule = {match: /^half$/, run(io) {
			io.state.set(`${io.host.id}:x`, 'yes');
			return {exitCode: 2};
		}};
		const h = harness(directory, [tookEffect]);
		const choices = chooser(['retry']);
		const result = await h.run([step('s', 'oauth', [command(a, ['half'])], {probes: [markerProbe(a, 'x')]})], {onFailure: choices.onFailure});
		expect(h.world.count(/^half$/)).toBe(1);
		expect(result).toMatchObject({outcome: 'done', summary: {ran: 0, alreadyDone: 1, failed: 0}});
		expect(readJournalFile(h.journalFile)!.steps.s!.a!.status).toBe('done');
	});

	it('skip this host: recorded skipped, the other hosts and the later steps go on', async () => {
		const h = harness(directory);
		const choices = chooser(['skip']);
		const steps = [step('s', 'packages', [command(a, ['mark', 's']), command(b, ['fail'])]), step('later', 'stats', [command(a, ['mark', 'later'])])];
		const result = await h.run(steps, {onFailure: choices.onFailure});
		expect(choices.asked).toMatchObject([{host: 'b'}]);
		expect(result).toMatchObject({outcome: 'done', failures: [], summary: {ran: 2, skipped: 1, failed: 0}});
		const journal = readJournalFile(h.journalFile)!;
		expect(journal.steps.s!.b).toMatchObject({status: 'skipped', detail: expect.stringContaining('skipped by the admin') as unknown});
		expect(journal.steps.later!.a!.status).toBe('done');
	});

	it('stop: the failure stands and the run ends failed, as without the callback', async () => {
		const h = harness(directory);
		const result = await h.run([step('s', 'oauth', [command(a, ['fail'])]), step('later', 'stats', [command(a, ['mark', 'later'])])], {onFailure: chooser(['stop']).onFailure});
		expect(result).toMatchObject({outcome: 'failed', summary: {failed: 1}});
		expect(h.world.count(/^mark later$/)).toBe(0);
	});
});

describe('runPlan with stopSignal (stop after the running commands)', () => {
	it('the running host finishes and is recorded done; no other host or step starts; the run ends interrupted', async () => {
		const h = harness(directory);
		const stop = new AbortController();
		const steps = [step('s', 'packages', [command(a, ['mark', 's']), command(b, ['mark', 's'])]), step('later', 'stats', [command(a, ['mark', 'later'])])];
		const result = await h.run(steps, {
			parallel: 1,
			stopSignal: stop.signal,
			onEvent(event) {
				h.events.push(event);
				if (event.type === 'step-started') {
					stop.abort();
				}
			},
		});
		expect(result.outcome).toBe('interrupted');
		expect(h.world.calls.map(call => `${call.host}:${call.command}`)).toEqual(['a:mark s']);
		const journal = readJournalFile(h.journalFile)!;
		expect(journal.steps.s!.a!.status).toBe('done');
		expect(journal.steps.s!.b).toBeUndefined();
		expect(journal.steps.later).toBeUndefined();
	});
});
