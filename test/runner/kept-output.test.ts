import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {CommandOutput, Verdict} from '../../source/domain/action-types.js';
import type {CommandResult, Executor, RunOptions} from '../../source/executors/executor.js';
import {createLocalExecutor} from '../../source/executors/local-executor.js';
import {tailOutputChars, transcriptFlushChars, transcriptPieceChars, wholeOutputChars} from '../../source/runner/kept-output.js';
import {readJournalFile} from '../../source/state/journal.js';
import {createTranscript, type Transcript} from '../../source/state/transcript.js';
import {command, harness, host, step} from './fixtures.js';

const a = host('a');
let directory: string;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-kept-output-'));
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

/** The real local executor; what it was asked to keep and what each command's result held are recorded. */
function recordingExecutor(): {executor: Executor; runs: Array<{options: RunOptions; result: CommandResult}>} {
	const local = createLocalExecutor(a);
	const runs: Array<{options: RunOptions; result: CommandResult}> = [];
	return {
		runs,
		executor: {
			host: a,
			async run(line, options = {}) {
				const result = await local.run(line, options);
				runs.push({options, result});
				return result;
			},
			dispose: async () => local.dispose(),
		},
	};
}

/** A file transcript that also records the size of every record's body. */
function measuredTranscript(): {transcript: Transcript; bodies: number[]} {
	const file = createTranscript(path.join(directory, 'transcripts'), {redact: text => text, label: 'test'});
	const bodies: number[] = [];
	return {
		bodies,
		transcript: {
			file: file.file,
			write(header, body) {
				bodies.push(body?.length ?? 0);
				file.write(header, body);
			},
		},
	};
}

/** The numbers the transcript shows as output lines (4-space indented), in order. */
const transcriptNumbers = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(line => /^ {4}\d+$/.test(line)).map(Number);

// 35,035,000 characters of output: over the whole-output cap.
const overCap = 'yes "$(printf %01000d 0)" | head -n 35000';

describe('kept output', () => {
	it('keeps only the end of a long command\'s output while its transcript gets every line, a block at a time', async () => {
		const {executor, runs} = recordingExecutor();
		const {transcript, bodies} = measuredTranscript();
		const h = harness(directory);
		const result = await h.run([step('long', 'services-down', [command(a, ['seq', '1', '200000'], {mutates: false})])], {executors: {get: () => executor}, transcript});

		expect(result.outcome).toBe('done');
		expect(runs).toHaveLength(1);
		const [{options, result: kept}] = runs as [{options: RunOptions; result: CommandResult}];
		expect(options.keepChars).toBe(tailOutputChars);
		expect(kept.stdout.length).toBeLessThanOrEqual(tailOutputChars);
		expect(kept.stdout.endsWith('199999\n200000\n')).toBe(true);
		expect(kept.outputCut).toBe(true);
		// Every line reached the screen's events and the transcript, in order.
		expect(h.events.filter(event => event.type === 'output')).toHaveLength(200_000);
		expect(runs[0]!.result.stdout.length).toBeLessThanOrEqual(tailOutputChars);
		const numbers = transcriptNumbers(transcript.file!);
		expect(numbers).toHaveLength(200_000);
		expect(numbers.every((value, index) => value === index + 1)).toBe(true);
		// ...written while it ran, in blocks: never the whole output held for one record.
		expect(bodies.filter(size => size > 0).length).toBeGreaterThan(10);
		// (a block is at least transcriptFlushChars and at most that plus one piece of a chunk)
		expect(Math.max(...bodies)).toBeLessThanOrEqual(transcriptFlushChars + transcriptPieceChars + 1);
	});

	it('gives a check the whole output of a command when it is within the cap', async () => {
		const {executor, runs} = recordingExecutor();
		const seen: CommandOutput[] = [];
		const check = (output: CommandOutput): Verdict => {
			seen.push(output);
			const lines = output.stdout.trimEnd().split('\n');
			return {ok: lines.length === 100_000 && lines[0] === '1' && lines.at(-1) === '100000', detail: `${lines.length} lines`};
		};

		const h = harness(directory);
		const result = await h.run([step('checked', 'services-down', [command(a, ['seq', '1', '100000'], {mutates: false, check})])], {executors: {get: () => executor}});

		expect(runs[0]!.options.keepChars).toBe(wholeOutputChars);
		expect(seen).toHaveLength(1);
		expect(result.outcome).toBe('done');
	});

	it('refuses to judge a check, probe or fact on output cut at the cap: cannot tell, never done', async () => {
		const {executor} = recordingExecutor();
		let checked = 0;
		const sayDone = (): Verdict => {
			checked++;
			return {ok: true, detail: 'looks done'};
		};

		const h = harness(directory);
		const shell = {pipeline: [{script: overCap}]};
		const read = await h.run([step('read-only', 'services-down', [command(a, [], {shell, mutates: false, check: sayDone})])], {executors: {get: () => executor}});
		const changing = await h.run([step('changing', 'services-down', [command(a, [], {shell, mutates: true, check: sayDone})])], {executors: {get: () => executor}});
		const probed = await h.run([step('probed', 'services-down', [command(a, ['true'])], {probes: [{host: a, shell, asRoot: false, description: 'the marker is there', isDone: sayDone}]})], {executors: {get: () => executor}});
		const fact = await h.run([step('fact', 'services-down', [command(a, ['true'])], {facts: [{key: 'list', host: a, shell, asRoot: false, description: 'the network list'}]})], {executors: {get: () => executor}, rerender: planned => planned});

		expect(checked).toBe(0);
		expect(read.outcome).toBe('failed');
		expect(changing.outcome).toBe('failed');
		const journal = readJournalFile(h.journalFile)!;
		expect(journal.steps['read-only']!['a']).toMatchObject({status: 'failed', detail: expect.stringContaining('cannot tell') as unknown});
		// The changing command succeeded: it may have done its work, so the step is unknown, not failed.
		expect(journal.steps['changing']!['a']).toMatchObject({status: 'unknown', detail: expect.stringContaining('cannot tell') as unknown});
		// A probe that cannot tell never makes the step "already done" (this step is not safe to rerun: it fails).
		expect(h.events.some(event => event.type === 'step-skipped' && event.step.id === 'probed')).toBe(false);
		expect(probed.outcome).toBe('failed');
		expect(journal.steps['probed']!['a']).toMatchObject({status: 'failed', detail: expect.stringContaining('cannot tell') as unknown});
		expect(fact.outcome).toBe('failed');
		expect(h.events.find(event => event.type === 'step-failed' && event.step.id === 'fact')).toMatchObject({message: expect.stringContaining('the output is longer than the 32 MiB') as unknown});
	});
});
