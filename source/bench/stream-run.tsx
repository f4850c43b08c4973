import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import React from 'react';
import {render} from 'ink';
import type {Host} from '../domain/inventory-types.js';
import type {PlannedStep} from '../domain/plan-types.js';
import {createRedactor} from '../domain/redact.js';
import {sections} from '../domain/sections.js';
import {createLocalExecutor} from '../executors/local-executor.js';
import {runPlan} from '../runner/run-plan.js';
import {openJournal} from '../state/journal.js';
import {createTranscript} from '../state/transcript.js';
import {RunScreen} from '../ui/run/run-screen.js';
import {ScrollbackProvider} from '../ui/scrollback.js';

/**
 * The run screen on the real runner and local executor, for one command printing `lines` lines:
 * `node dist/bench-bundle/stream-run.js LINES DIR` in a pty (the stream benchmark; bundled by npm run build), or
 * with `one-line` after DIR that many characters on one line. The transcript goes to DIR, the process's peak RSS (kB) to DIR/rss.
 */
const [count = '1000', directory = '.', shape = 'lines'] = process.argv.slice(2);
// `seq 1 COUNT`, or with the shape 'one-line' COUNT characters with no newline.
const shell = shape === 'one-line' ? {pipeline: [{script: `head -c ${Number(count)} /dev/zero | tr '\\0' x`}]} : {pipeline: [{argv: ['seq', '1', count]}]};
const host: Host = {id: 'local', label: 'local', sudo: false, target: {kind: 'local', root: '', env: {}}};
const step: PlannedStep = {
	id: 'stream', section: sections[0]!, title: shape === 'one-line' ? `Print ${count} characters on one line` : `Print ${count} lines`, why: 'benchmark', notes: [], facts: [], probes: [], missing: [], rerunSafe: true,
	actions: [{kind: 'command', host, shell, mutates: false, asRoot: false, prompts: [], pty: false}],
};
const executor = createLocalExecutor(host);
const options = {
	steps: [step],
	executors: {get: () => executor},
	journal: openJournal(path.join(directory, 'journals'), [host.label]),
	transcript: createTranscript(path.join(directory, 'transcripts'), {redact: (text: string) => text, label: 'stream'}),
	redact: createRedactor([]),
	edits: {
		async read() {
			throw new Error('no edits here');
		},
		preview() {
			throw new Error('no edits here');
		},
		async write() {
			throw new Error('no edits here');
		},
	},
	answersHash: 'bench',
};
const app = render(
	<ScrollbackProvider>
		<RunScreen start={async hooks => runPlan({...options, ...hooks})} stepMode={false} onFinished={result => app.unmount(result.outcome === 'done' ? undefined : new Error(result.outcome))}/>
	</ScrollbackProvider>,
	{exitOnCtrlC: false},
);
await app.waitUntilExit();
// This process's peak resident set (kB), for the bench.
fs.writeFileSync(path.join(directory, 'rss'), `${process.resourceUsage().maxRSS}\n`);
