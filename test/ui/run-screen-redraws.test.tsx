import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createRedactor} from '../../source/domain/redact.js';
import {createLocalExecutor} from '../../source/executors/local-executor.js';
import {createExecutorPool} from '../../source/runner/executor-pool.js';
import {createTranscript} from '../../source/state/transcript.js';
import {driveRunScreen} from './run-screen-driver.js';
import {command, harness, host, step} from '../runner/fixtures.js';

const a = host('a');
let directory: string;
let app: ReturnType<typeof render> | undefined;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-run-redraws-'));
});

afterEach(() => {
	app?.cleanup();
	app = undefined;
	fs.rmSync(directory, {recursive: true, force: true});
});

/**
 * Two lines, a progress bar redrawn 40 times with a CR at the end of each state, then (once $1 exists) the
 * newline that ends the bar in its own write and a last line; it exits once $2 exists.
 */
const progress = String.raw`
printf 'Reading package lists...\n'
printf 'Fetching 3 archives\n'
for count in $(seq 1 40); do printf 'progress %d/40\r' "$count"; done
while [ ! -e "$1" ]; do sleep 0.05; done
printf '\nunpacked 3 archives\n'
while [ ! -e "$2" ]; do sleep 0.05; done
`;

/** The frame's lines that are the command's output (the tail), in order. */
const outputLines = (frame: string) => frame.split('\n').map(line => line.trim()).filter(line => /^(Reading|Fetching|progress|unpacked)/.test(line));

describe('RunScreen: a progress bar redrawn with CR (a real command on the local executor)', () => {
	it('the tail holds the bar as one line in its last state, the lines before it intact; the CR then LF keeps it; the transcript keeps every redraw', async () => {
		const [go, end] = [path.join(directory, 'go'), path.join(directory, 'end')];
		const h = harness(directory);
		const executors = createExecutorPool(createLocalExecutor);
		const transcript = createTranscript(path.join(directory, 'transcripts'), {redact: createRedactor([]), label: 'test'});
		const steps = [step('pkgs', 'packages', [command(a, ['sh', '-c', progress, 'progress', go, end], {mutates: false})])];
		const screen = driveRunScreen(async hooks => h.run(steps, {...hooks, executors, transcript}), {show: tree => (app = render(tree)), events: h.events});
		try {
			const bar = outputLines(await screen.screen(/progress 40\/40/, 'the bar in its last state'));
			expect(bar).toEqual(['Reading package lists...', 'Fetching 3 archives', 'progress 40/40']);
			fs.writeFileSync(go, '');
			// The LF that follows the last CR (a chunk of its own) ends the bar's line: it stays, the next line comes below it.
			const after = outputLines(await screen.screen(/unpacked 3 archives/, 'the last line'));
			expect(after).toEqual(['Reading package lists...', 'Fetching 3 archives', 'progress 40/40', 'unpacked 3 archives']);
			fs.writeFileSync(end, '');
			expect((await screen.finished()).outcome).toBe('done');
		} finally {
			fs.writeFileSync(go, '');
			fs.writeFileSync(end, '');
			await executors.dispose();
		}

		const record = fs.readFileSync(transcript.file!, 'utf8');
		for (let count = 1; count <= 40; count++) {
			expect(record).toContain(`progress ${count}/40\n`);
		}

		expect(record).toMatch(/progress 40\/40\n(.*\n)*? {4}unpacked 3 archives\n/);
	});

	it('a command that fails after its bar: the failure\'s output tail holds the bar once, in its last state, and what came before it', async () => {
		const h = harness(directory);
		const executors = createExecutorPool(createLocalExecutor);
		const failing = String.raw`printf 'Connecting to mirror\n'; for count in $(seq 1 60); do printf 'received %d%%\r' "$count"; done; printf '\nE: connection reset\n'; exit 100`;
		const steps = [step('pkgs', 'packages', [command(a, ['sh', '-c', failing], {mutates: false})])];
		const screen = driveRunScreen(async hooks => h.run(steps, {...hooks, executors}), {show: tree => (app = render(tree)), events: h.events});
		try {
			const frame = await screen.screen(/q abort \(resume later\)/, 'the failure choices');
			expect(frame).toContain('exit code 100');
			const failed = h.events.find(event => event.type === 'step-failed');
			// Before: the last 50 lines, all but one of them redraws, 'Connecting to mirror' cut away.
			expect(failed).toMatchObject({outputTail: 'Connecting to mirror\nreceived 60%\nE: connection reset'});
			expect(frame.match(/received \d+%/g)).toEqual(['received 60%']);
			screen.press('q');
			expect((await screen.finished()).outcome).toBe('failed');
		} finally {
			await executors.dispose();
		}
	});
});
