import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createRedactor} from '../../source/domain/redact.js';
import type {RunEvent} from '../../source/runner/events.js';
import {readJournalFile} from '../../source/state/journal.js';
import {command, harness, host, markerProbe, step} from './fixtures.js';

const a = host('a');
const b = host('b');
const c = host('c');
let directory: string;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-runner-'));
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

const lines = (events: readonly RunEvent[]) => events.flatMap(event => {
	switch (event.type) {
		case 'step-done': {
			return [`${event.step.id}@${event.host} done`];
		}

		case 'step-skipped': {
			return [`${event.step.id}@${event.host} skipped${event.alreadyDone ? ' (done)' : ''}`];
		}

		case 'step-failed': {
			return [`${event.step.id}@${event.host} failed`];
		}

		default: {
			return [];
		}
	}
});

describe('runPlan', () => {
	it('runs steps in order, each action once, and records every step × host as done', async () => {
		const h = harness(directory);
		const steps = [
			step('first', 'services-down', [command(a, ['mark', 'one'])]),
			step('second', 'packages', [command(a, ['mark', 'two']), command(b, ['mark', 'two'])]),
			step('third', 'migrate', [command(b, ['mark', 'three'])]),
		];
		const result = await h.run(steps);
		expect(result.outcome).toBe('done');
		expect(h.world.calls.map(call => `${call.host}:${call.command}`)).toEqual(['a:mark one', 'a:mark two', 'b:mark two', 'b:mark three']);
		expect(lines(h.events)).toEqual(['first@a done', 'second@a done', 'second@b done', 'third@b done']);
		const journal = readJournalFile(h.journalFile)!;
		expect(Object.keys(journal.steps)).toEqual(['first', 'second', 'third']);
		expect(journal.steps.second!.b!.status).toBe('done');
		expect(h.events.at(-1)).toMatchObject({type: 'run-finished', outcome: 'done', summary: {ran: 4, alreadyDone: 0, failed: 0}});
	});

	it('passes asRoot, mutates and pty to the executor and renders the command revealed', async () => {
		const h = harness(directory);
		await h.run([step('s', 'oauth', [command(a, ['add', {secret: 'pithosOauthSecret', value: 'p a$s'}], {mutates: false, asRoot: false, pty: true})])]);
		expect(h.world.calls[0]).toMatchObject({command: "add 'p a$s'", options: {asRoot: false, mutates: false, pty: true}});
	});

	it('leaves a step alone when its probe says it is done, and records it as done', async () => {
		const h = harness(directory);
		h.world.state.set('a:x', 'yes');
		const result = await h.run([step('s', 'oauth', [command(a, ['mark', 'x'])], {probes: [markerProbe(a, 'x')]})]);
		expect(result.summary).toMatchObject({ran: 0, alreadyDone: 1});
		expect(h.world.count(/^mark/)).toBe(0);
		expect(h.confirms).toEqual([]);
		expect(readJournalFile(h.journalFile)!.steps.s!.a).toMatchObject({status: 'done', detail: expect.stringContaining('already done: x is set: x found') as unknown});
	});

	it('re-runs the probe after the actions: a step that did not take effect fails and stops the run', async () => {
		const h = harness(directory);
		const steps = [
			step('s', 'oauth', [command(a, ['mark', 'other'])], {probes: [markerProbe(a, 'x')]}),
			step('later', 'stats', [command(a, ['mark', 'later'])]),
		];
		const result = await h.run(steps);
		expect(result.outcome).toBe('failed');
		expect(h.world.count(/^check x$/)).toBe(2);
		expect(lines(h.events)).toEqual(['s@a failed']);
		expect(h.events.find(event => event.type === 'step-failed')).toMatchObject({message: 'verification failed after the step ran: x is set: x missing'});
		const journal = readJournalFile(h.journalFile)!;
		expect(journal.steps.s!.a!.status).toBe('failed');
		expect(journal.steps.later).toBeUndefined();
		expect(h.world.count(/^mark later/)).toBe(0);
	});

	it('fails a step on a non-zero exit code with the tail of the output', async () => {
		const h = harness(directory);
		const result = await h.run([step('s', 'oauth', [command(a, ['fail'])])]);
		expect(result.outcome).toBe('failed');
		expect(h.events.find(event => event.type === 'step-failed')).toMatchObject({message: 'fail: exit code 3', exitCode: 3, outputTail: 'something broke\nfor real'});
		expect(readJournalFile(h.journalFile)!.steps.s!.a).toMatchObject({status: 'failed', exitCode: 3});
	});

	it('fails a step whose check rejects the output, and honours okExitCodes', async () => {
		const h = harness(directory, [{match: /^odd$/, run: () => ({exitCode: 1})}]);
		const check = () => ({ok: false, detail: 'not what we wanted'});
		const ok = await h.run([step('tolerant', 'oauth', [command(a, ['odd'], {okExitCodes: [1]})])]);
		expect(ok.outcome).toBe('done');
		const bad = await h.run([step('checked', 'oauth', [command(a, ['mark', 'y'], {check})])]);
		expect(bad.outcome).toBe('failed');
		expect(bad.failures[0]!.message).toBe('mark y: not what we wanted');
	});

	it('answers known prompts and fails the step on an unknown prompt when there is nobody to ask', async () => {
		const h = harness(directory, [
			{match: /^ask-known$/, async run(io) {
				io.print('Type yes or no: ');
				return {exitCode: (await io.input()) === 'no\n' ? 0 : 1};
			}},
			{match: /^ask-unknown$/, async run(io) {
				io.print('Are you really sure? ');
				return io.hang();
			}},
		]);
		const known = await h.run([step('known', 'migrate', [command(a, ['ask-known'], {prompts: [{match: 'yes or no: $', answer: 'no', description: 'question'}]})])]);
		expect(known.outcome).toBe('done');
		const unknown = await h.run([step('unknown', 'migrate', [command(a, ['ask-unknown'])])]);
		expect(unknown.outcome).toBe('failed');
		expect(h.events).toContainEqual(expect.objectContaining({type: 'prompt-waiting', prompt: 'Are you really sure?'}));
		expect(unknown.failures[0]!.message).toContain('Are you really sure?');
	});

	it('types the answer the question callback gives to an unknown prompt', async () => {
		const h = harness(directory, [{match: /^ask$/, async run(io) {
			io.print('Colour? ');
			return {exitCode: (await io.input()) === 'blue\n' ? 0 : 1};
		}}]);
		const result = await h.run([step('s', 'migrate', [command(a, ['ask'])])], {question: async () => 'blue'});
		expect(result.outcome).toBe('done');
	});

	it('asks before each section and each changing action; a decline stops the run and leaves the step pending', async () => {
		const h = harness(directory);
		const steps = [
			step('first', 'oauth', [command(a, ['mark', 'one']), command(a, ['look'], {mutates: false})]),
			step('second', 'stats', [command(a, ['mark', 'two'])]),
		];
		const result = await h.run(steps, {confirm: async request => {
			h.confirms.push(request);
			return request.kind !== 'action' || !request.description.includes('two');
		}});
		expect(result.outcome).toBe('declined');
		expect(h.confirms.map(request => request.kind === 'section' ? `section ${request.section.id}` : `${request.kind} ${request.kind === 'action' ? request.description : ''}`))
			.toEqual(['section oauth', 'action mark one', 'section stats', 'action mark two']);
		expect(h.world.count(/^mark two/)).toBe(0);
		expect(readJournalFile(h.journalFile)!.steps.second!.a!.status).toBe('pending');
	});

	it('declining a section runs nothing of it', async () => {
		const h = harness(directory);
		const result = await h.run([step('s', 'oauth', [command(a, ['mark', 'one'])])], {confirm: async () => false});
		expect(result.outcome).toBe('declined');
		expect(h.world.calls).toEqual([]);
	});

	it('writes the journal at every change: running, then done', async () => {
		const h = harness(directory, [{match: /^peek$/, run(io) {
			io.print(JSON.stringify(readJournalFile(h.journalFile)!.steps.s!.a));
		}}]);
		await h.run([step('s', 'oauth', [command(a, ['peek'])])]);
		const seen = JSON.parse(h.events.filter(event => event.type === 'output').map(event => event.type === 'output' ? event.text : '').join('')) as Record<string, unknown>;
		expect(seen).toMatchObject({status: 'running', answersHash: 'answers'});
		expect(seen.actionHash).toMatch(/^[0-9a-f]{64}$/);
		expect(readJournalFile(h.journalFile)!.steps.s!.a).toMatchObject({status: 'done', exitCode: 0, actionHash: seen.actionHash});
	});

	it('a second run does nothing and says so', async () => {
		const h = harness(directory);
		const steps = [step('s', 'oauth', [command(a, ['mark', 'x'])]), step('t', 'stats', [command(b, ['mark', 'y'])], {probes: [markerProbe(b, 'y')]})];
		await h.run(steps);
		const calls = h.world.calls.length;
		h.events.length = 0;
		const second = await h.run(steps);
		expect(second.summary).toMatchObject({ran: 0, alreadyDone: 2});
		expect(h.world.calls.length).toBe(calls);
		expect(lines(h.events)).toEqual(['s@a skipped (done)', 't@b skipped (done)']);
	});

	it('runs a done step again when its actions changed: the probe decides, else the admin (--yes: yes)', async () => {
		const h = harness(directory);
		await h.run([step('probed', 'oauth', [command(a, ['mark', 'x'])], {probes: [markerProbe(a, 'x')]}), step('plain', 'stats', [command(a, ['mark', 'p'])])]);
		expect(h.world.count(/^mark/)).toBe(2);
		const changed = [
			step('probed', 'oauth', [command(a, ['mark', 'x', '--new'])], {probes: [markerProbe(a, 'x')]}),
			step('plain', 'stats', [command(a, ['mark', 'p', '--new'])]),
		];
		h.confirms.length = 0;
		const result = await h.run(changed);
		expect(result.outcome).toBe('done');
		expect(h.world.count(/^mark x --new/)).toBe(0);
		expect(h.world.count(/^mark p --new/)).toBe(1);
		expect(h.confirms.filter(request => request.kind === 'rerun').map(request => request.kind === 'rerun' ? request.step.id : '')).toEqual(['plain']);
		const journal = readJournalFile(h.journalFile)!;
		expect(journal.steps.probed!.a!.detail).toContain('the actions changed since they ran, but already done');
		const third = await h.run(changed);
		expect(third.summary.ran).toBe(0);
	});

	it('a changed secret counts as a changed action, though the journal never holds it', async () => {
		const h = harness(directory);
		const withSecret = (value: string) => [step('s', 'oauth', [command(a, ['add', {secret: 'k', value}])])];
		await h.run(withSecret('old-secret'));
		await h.run(withSecret('new-secret'));
		expect(h.world.count(/^add/)).toBe(2);
		expect(fs.readFileSync(h.journalFile, 'utf8')).not.toMatch(/old-secret|new-secret/);
	});

	it('after a crash, a step left running is re-probed before anything else runs', async () => {
		const h = harness(directory);
		const steps = [
			step('s', 'oauth', [command(a, ['mark', 'x'])], {probes: [markerProbe(a, 'x')]}),
			step('t', 'stats', [command(a, ['mark', 'y'])]),
		];
		// A crash: the journal says running, the host says done.
		fs.writeFileSync(h.journalFile, JSON.stringify({version: 1, deployment: 'd', hosts: [], createdAt: '', updatedAt: '', steps: {s: {a: {status: 'running', actionHash: 'h'}}}}));
		h.world.state.set('a:x', 'yes');
		const result = await h.run(steps);
		expect(result.outcome).toBe('done');
		expect(h.world.calls.map(call => call.command)).toEqual(['check x', 'mark y']);
		expect(h.events).toContainEqual({type: 'notice', text: expect.stringContaining('the probe says it took effect') as unknown});
		expect(readJournalFile(h.journalFile)!.steps.s!.a!.status).toBe('done');
	});

	it('after a crash, a re-probed step that did not take effect runs again', async () => {
		const h = harness(directory);
		fs.writeFileSync(h.journalFile, JSON.stringify({version: 1, deployment: 'd', hosts: [], createdAt: '', updatedAt: '', steps: {s: {a: {status: 'running'}}}}));
		const result = await h.run([step('s', 'oauth', [command(a, ['mark', 'x'])], {probes: [markerProbe(a, 'x')]})]);
		expect(result.outcome).toBe('done');
		expect(h.world.count(/^mark x/)).toBe(1);
	});

	it('after a crash, a step without a probe is not run again silently: the run stops and says what to do', async () => {
		const h = harness(directory);
		fs.writeFileSync(h.journalFile, JSON.stringify({version: 1, deployment: 'd', hosts: [], createdAt: '', updatedAt: '', steps: {s: {a: {status: 'running'}}}}));
		const steps = [step('first', 'services-down', [command(a, ['mark', 'f'])]), step('s', 'oauth', [command(a, ['mark', 'x'])]), step('t', 'stats', [command(a, ['mark', 'y'])])];
		const result = await h.run(steps);
		expect(result.outcome).toBe('failed');
		expect(h.world.calls).toEqual([]);
		expect(h.events).toContainEqual(expect.objectContaining({type: 'step-failed', hint: expect.stringContaining('--from s to run it again, or with --from t') as unknown}));
		expect(readJournalFile(h.journalFile)!.steps.s!.a!.status).toBe('unknown');
		const again = await h.run(steps, {from: 's'});
		expect(again.outcome).toBe('done');
		expect(h.world.calls.map(call => call.command)).toEqual(['mark x', 'mark y']);
	});

	it('fans a step out over its hosts within the limit, keeping results per host; one failure stops the run after the others finish', async () => {
		const h = harness(directory, [{match: /^slow$/, async run(io) {
			await new Promise(resolve => {
				setTimeout(resolve, 20);
			});
			return {exitCode: io.host.id === 'b' ? 4 : 0};
		}}]);
		const result = await h.run([
			step('wide', 'packages', [command(a, ['slow']), command(b, ['slow']), command(c, ['slow'])]),
			step('after', 'migrate', [command(a, ['mark', 'z'])]),
		], {parallel: 2});
		expect(result.outcome).toBe('failed');
		expect(h.world.maxConcurrent()).toBe(2);
		expect(lines(h.events).sort()).toEqual(['wide@a done', 'wide@b failed', 'wide@c done']);
		const journal = readJournalFile(h.journalFile)!;
		expect([journal.steps.wide!.a!.status, journal.steps.wide!.b!.status, journal.steps.wide!.c!.status]).toEqual(['done', 'failed', 'done']);
		expect(journal.steps.after).toBeUndefined();
	});

	it('an interrupt during a changing command aborts it, marks the step unknown, and stops', async () => {
		const controller = new AbortController();
		const h = harness(directory, [{match: /^long$/, async run(io) {
			io.print('working\n');
			controller.abort();
			return io.hang();
		}}]);
		const result = await h.run([step('s', 'oauth', [command(a, ['long'])]), step('t', 'stats', [command(a, ['mark', 'y'])])], {signal: controller.signal});
		expect(result.outcome).toBe('interrupted');
		expect(readJournalFile(h.journalFile)!.steps.s!.a).toMatchObject({status: 'unknown', exitCode: null});
		expect(readJournalFile(h.journalFile)!.steps.t).toBeUndefined();
		expect(h.events.at(-1)).toMatchObject({type: 'run-finished', outcome: 'interrupted'});
	});

	it('an interrupt during a read-only command marks the step failed: nothing changed', async () => {
		const controller = new AbortController();
		const h = harness(directory, [{match: /^look$/, async run(io) {
			controller.abort();
			return io.hang();
		}}]);
		const result = await h.run([step('s', 'oauth', [command(a, ['look'], {mutates: false}), command(a, ['mark', 'x'])])], {signal: controller.signal});
		expect(result.outcome).toBe('interrupted');
		expect(readJournalFile(h.journalFile)!.steps.s!.a).toMatchObject({status: 'failed', detail: 'interrupted before it changed anything'});
	});

	it('records steps that do not apply as skipped with the reason', async () => {
		const h = harness(directory);
		await h.run([step('stats', 'stats', [], {skipped: 'no stats host in the inventory'})]);
		expect(h.events).toContainEqual(expect.objectContaining({type: 'step-skipped', reason: 'no stats host in the inventory', alreadyDone: false}));
		expect(readJournalFile(h.journalFile)!.steps.stats!['*']).toMatchObject({status: 'skipped'});
	});

	it('--from starts at that step and refuses an unknown id', async () => {
		const h = harness(directory);
		await h.run([step('s', 'oauth', [command(a, ['mark', 'x'])]), step('t', 'stats', [command(a, ['mark', 'y'])])], {from: 't'});
		expect(h.world.calls.map(call => call.command)).toEqual(['mark y']);
		await expect(h.run([step('s', 'oauth', [])], {from: 'nope'})).rejects.toThrow('--from nope: no such step');
	});

	it('edits files: emits the masked diff, writes, and skips a file already as wanted', async () => {
		const h = harness(directory);
		const edit = {kind: 'edit' as const, host: a, path: '/etc/x.conf', edits: [{op: 'python-set' as const, name: 'KEY', value: {secret: 'k', value: 'hunter2'}}], validate: 'python' as const};
		await h.run([step('e', 'oauth', [edit])]);
		expect(h.world.files.get('a:/etc/x.conf')).toBe('KEY = "hunter2"\n');
		const diff = h.events.find(event => event.type === 'diff');
		expect(diff).toMatchObject({path: '/etc/x.conf', skipped: false});
		expect(JSON.stringify(diff)).not.toContain('hunter2');
		expect(h.confirms).toContainEqual(expect.objectContaining({kind: 'action', description: 'edit /etc/x.conf'}));
		fs.rmSync(h.journalFile);
		h.events.length = 0;
		await h.run([step('e', 'oauth', [edit])]);
		expect(h.events.some(event => event.type === 'diff')).toBe(false);
	});

	it('gathers facts and renders the step again with them before it runs', async () => {
		const h = harness(directory, [{match: /^show-specs$/, run: io => io.print('min=1\n')}]);
		const planned = step('facts', 'pre-upgrade', [command(a, ['apply', '<specs>'])], {
			facts: [{key: 'specs:a', host: a, shell: {pipeline: [{argv: ['show-specs']}]}, asRoot: true, description: 'the specs'}],
			missing: ['specs:a'],
		});
		await h.run([planned], {rerender: (current, facts) => ({...current, actions: [command(a, ['apply', facts['specs:a']!.trim()])], missing: []})});
		expect(h.world.calls.map(call => call.command)).toEqual(['show-specs', 'apply min=1']);
	});

	it('a dry run runs read-only commands, only shows changing ones and edits, and writes no journal', async () => {
		const h = harness(directory, [], {dryRun: true});
		const edit = {kind: 'edit' as const, host: a, path: '/etc/x.conf', edits: [{op: 'python-set' as const, name: 'KEY', value: 1}], validate: 'python' as const};
		const result = await h.run([step('s', 'oauth', [command(a, ['look'], {mutates: false}), command(a, ['mark', 'x']), edit])], {dryRun: true});
		expect(result.outcome).toBe('done');
		expect(h.world.calls.map(call => call.command)).toEqual(['look']);
		expect(h.events).toContainEqual(expect.objectContaining({type: 'command', command: 'mark x', skipped: true}));
		expect(h.events).toContainEqual(expect.objectContaining({type: 'diff', skipped: true}));
		expect(h.world.files.size).toBe(0);
		expect(h.confirms).toEqual([]);
		expect(fs.existsSync(h.journalFile)).toBe(false);
	});

	it('redacts secrets in every event, including output echoed back by a command', async () => {
		const h = harness(directory, [{match: /^echo/, run: io => io.print(`${io.command.slice(5)}\n`)}]);
		const redact = createRedactor(['s3cret']);
		await h.run([step('s', 'oauth', [command(a, ['echo', {secret: 'k', value: 's3cret'}]), command(a, ['fail'])])], {redact});
		expect(JSON.stringify(h.events)).not.toContain('s3cret');
		expect(h.events).toContainEqual(expect.objectContaining({type: 'output', text: '••••'}));
	});
});
