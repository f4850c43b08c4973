import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Probe} from '../../source/domain/action-types.js';
import {cannotTell, verdict} from '../../source/domain/verdicts.js';
import {readJournalFile} from '../../source/state/journal.js';
import type {FakeRule} from '../helpers/fake-executor.js';
import {command, harness, host, step} from './fixtures.js';

const a = host('a');
let directory: string;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-cannot-tell-'));
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

/** `look` prints whatever the test put in the world's state under a:look (nothing by default). */
const lookRule: FakeRule = {match: /^look$/, run(io) {
	io.print(io.state.get('a:look') ?? '');
}};

/** done on "state: set", to do on "state: unset", anything else cannot tell (as every real probe parser must). */
const strictProbe: Probe = {
	host: a,
	shell: {pipeline: [{argv: ['look']}]},
	asRoot: false,
	description: 'the state is set',
	isDone(output) {
		const text = output.stdout.trim();
		if (text === 'state: set') {
			return verdict(true, 'set');
		}

		return text === 'state: unset' ? verdict(false, 'unset') : cannotTell(`unexpected output ${JSON.stringify(text)}`);
	},
};

describe('a probe that cannot tell', () => {
	it('stops a step that is not safe to rerun, before any of its actions, with the evidence and a hint', async () => {
		const h = harness(directory, [lookRule]);
		h.world.state.set('a:look', 'Traceback (most recent call last):');
		const result = await h.run([step('unsafe', 'oauth', [command(a, ['mark', 'x'])], {probes: [strictProbe]}), step('later', 'stats', [command(a, ['mark', 'y'])])]);
		expect(result.outcome).toBe('failed');
		expect(h.world.count(/^mark/)).toBe(0);
		const failed = h.events.find(event => event.type === 'step-failed');
		expect(failed).toMatchObject({
			message: expect.stringContaining('cannot tell whether unsafe is already done on a, and running it again is not safe: the state is set: unexpected output "Traceback') as unknown,
			hint: expect.stringContaining('--from unsafe') as unknown,
		});
		expect(readJournalFile(h.journalFile)!.steps.unsafe!.a!.status).toBe('failed');
	});

	it('runs a step that is safe to rerun, then verifies it with positive evidence', async () => {
		const h = harness(directory, [lookRule, {match: /^fix$/, run(io) {
			io.state.set('a:look', 'state: set');
		}}]);
		const result = await h.run([step('safe', 'oauth', [command(a, ['fix'])], {probes: [strictProbe], rerunSafe: true})]);
		expect(result.outcome).toBe('done');
		expect(h.world.count(/^fix$/)).toBe(1);
		expect(h.events).toContainEqual({type: 'notice', text: expect.stringContaining('cannot tell whether it is done') as unknown});
	});

	it('fails the verification when the probe still cannot tell after the step ran (empty output is no evidence)', async () => {
		const h = harness(directory, [lookRule]);
		const result = await h.run([step('safe', 'oauth', [command(a, ['mark', 'x'])], {probes: [strictProbe], rerunSafe: true})]);
		expect(result.outcome).toBe('failed');
		expect(h.events.find(event => event.type === 'step-failed')).toMatchObject({
			message: 'verification failed after the step ran (its check cannot tell whether it took effect): the state is set: unexpected output ""',
		});
	});

	it('to do still runs any step, safe or not', async () => {
		const h = harness(directory, [lookRule, {match: /^fix$/, run(io) {
			io.state.set('a:look', 'state: set');
		}}]);
		h.world.state.set('a:look', 'state: unset');
		const result = await h.run([step('unsafe', 'oauth', [command(a, ['fix'])], {probes: [strictProbe]})]);
		expect(result.outcome).toBe('done');
		expect(h.world.count(/^fix$/)).toBe(1);
	});

	it('a probe rendered with the step\'s facts: the facts are read before the probe decides', async () => {
		const h = harness(directory, [lookRule, {match: /^show-specs$/, run(io) {
			io.print('state: set\n');
		}}]);
		h.world.state.set('a:look', 'state: set');
		const planned = step('facts', 'pre-upgrade', [command(a, ['apply'])], {
			facts: [{key: 'specs', host: a, shell: {pipeline: [{argv: ['show-specs']}]}, asRoot: true, description: 'the specs'}],
			probes: [{...strictProbe, isDone: () => cannotTell('the facts have not been read')}],
		});
		const result = await h.run([planned], {
			rerender: (current, facts) => ({...current, probes: [{...strictProbe, isDone: () => verdict(facts['specs']!.trim() === 'state: set', 'from the facts')}]}),
		});
		expect(result.summary).toMatchObject({ran: 0, alreadyDone: 1});
		expect(h.world.calls.map(call => call.command)).toEqual(['show-specs', 'look']);
	});
});

