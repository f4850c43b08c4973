import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {editOperations} from '../../source/commands/run-wiring.js';
import {createRedactor} from '../../source/domain/redact.js';
import {createLocalExecutor} from '../../source/executors/local-executor.js';
import type {RunEvent} from '../../source/runner/events.js';
import {runPlan} from '../../source/runner/run-plan.js';
import {openJournal} from '../../source/state/journal.js';
import {nullTranscript} from '../../source/state/transcript.js';
import {command, host, step} from './fixtures.js';

let directory: string;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-run-stdin-'));
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

async function runOne(script: string, prompts: ReturnType<typeof command>['prompts'] = []) {
	const on = host('a');
	const executor = createLocalExecutor(on, {});
	const events: RunEvent[] = [];
	const journal = openJournal(directory, [on.label]);
	try {
		const outcome = await runPlan({
			steps: [step('reads-stdin', 'services-down', [command(on, ['sh', '-c', script], {prompts, asRoot: false})])],
			executors: {get: () => executor},
			journal,
			transcript: nullTranscript(),
			redact: createRedactor([]),
			confirm: async () => true,
			question: async () => undefined,
			onEvent: event => events.push(event),
			edits: editOperations(text => text, undefined),
			answersHash: 'answers',
			promptIdleMs: 200,
		});
		const output = events.flatMap(event => (event.type === 'output' ? [event.text] : []));
		return {outcome, output};
	} finally {
		await executor.dispose();
	}
}

describe('runPlan with a real local executor: stdin of commands nobody answers', () => {
	it('gives a command without known prompts end-of-file on stdin, so it cannot wait for input nobody sees', async () => {
		const {output} = await runOne('if read -r line; then echo "read: $line"; else echo "end of input"; fi');
		expect(output).toEqual(['end of input']);
	});

	it('keeps stdin open for a command whose prompts the plan knows, and answers them', async () => {
		const rule = {match: String.raw`Type 'yes' to continue, or 'no' to cancel: $`, answer: 'no', description: 'stale content types'};
		const {output} = await runOne('printf "Type \'yes\' to continue, or \'no\' to cancel: "; read -r answer; echo "answered $answer"', [rule]);
		expect(output.at(-1)).toContain('answered no');
	});
});
