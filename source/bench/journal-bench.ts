import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {openJournal} from '../state/journal.js';
import {round} from './bench-types.js';
import type {BenchModule} from './bench-types.js';

/** About as many steps as a full upgrade has. */
const steps = 40;
const hash = 'a'.repeat(64);

/**
 * Milliseconds to record one step × host result as the runner does (running, then done, each on disk
 * before it returns: fsync included, snapshot folds amortised), in a journal of `hosts` × 40 cells.
 */
function msPerCell(hosts: number): number {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-journal-bench-'));
	try {
		const labels = Array.from({length: hosts}, (_, index) => `root@node${index + 1}.bench.test:22`);
		const journal = openJournal(directory, labels);
		const start = performance.now();
		for (let step = 0; step < steps; step++) {
			for (const label of labels) {
				const startedAt = new Date().toISOString();
				journal.set(`step-${step}`, label, {status: 'running', startedAt, actionHash: hash, answersHash: hash});
				journal.set(`step-${step}`, label, {status: 'done', exitCode: 0, startedAt, endedAt: new Date().toISOString(), actionHash: hash, answersHash: hash, detail: 'exit 0'});
			}
		}

		return (performance.now() - start) / (steps * hosts);
	} finally {
		fs.rmSync(directory, {recursive: true, force: true});
	}
}

/** Issue 11 item 1: the cost of one journal cell must not grow with the journal (16 vs 256 hosts × 40 steps). */
const journalBench: BenchModule = async emit => {
	const small = msPerCell(16);
	const large = msPerCell(256);
	emit({name: 'journal-ms-per-cell-16', value: round(small, 3), unit: 'ms', target: null});
	emit({name: 'journal-ms-per-cell-256', value: round(large, 3), unit: 'ms', target: null});
	emit({name: 'journal-cell-256-vs-16', value: round(large / small), unit: 'x', target: '<= 1.5'});
};

export default journalBench;
