import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import {openJournal, type Journal} from '../state/journal.js';
import {median, round} from './bench-types.js';
import type {BenchModule} from './bench-types.js';

/** About as many steps as a full upgrade has. */
const steps = 40;
const hash = 'a'.repeat(64);
/** Hosts per timed sample, on both sides. */
const sample = 16;

/** Bytes this process has passed to write(2) so far (the kernel's count). */
const bytesWritten = () => Number(/^wchar: (\d+)$/m.exec(fs.readFileSync('/proc/self/io', 'utf8'))![1]);

interface Sample {
	readonly ms: number;
	readonly cpuMs: number;
	readonly bytes: number;
	readonly fsyncs: number;
}

let fsyncs = 0;

/** Records one step on these hosts as the runner does, host after host: running (on disk before the host's changes start), then done. */
async function recordStep(journal: Journal, labels: readonly string[], step: number): Promise<Sample> {
	const bytesBefore = bytesWritten();
	const fsyncsBefore = fsyncs;
	const cpuBefore = process.cpuUsage();
	const start = performance.now();
	for (const label of labels) {
		const startedAt = new Date().toISOString();
		journal.set(`step-${step}`, label, {status: 'running', startedAt, actionHash: hash, answersHash: hash});
		await journal.durable();
		journal.set(`step-${step}`, label, {status: 'done', exitCode: 0, startedAt, endedAt: new Date().toISOString(), actionHash: hash, answersHash: hash, detail: 'exit 0'});
	}

	const ms = performance.now() - start;
	const cpu = process.cpuUsage(cpuBefore);
	return {ms: ms / labels.length, cpuMs: (cpu.user + cpu.system) / 1000 / labels.length, bytes: (bytesWritten() - bytesBefore) / labels.length, fsyncs: (fsyncs - fsyncsBefore) / labels.length};
}

/**
 * A journal of 16 hosts and one of 256 filled side by side, step after step (40 steps, as a run fills
 * them, snapshot folds included), timed 16 hosts at a time on both sides, the small journal's step among
 * the large one's so that a change of the machine's load hits both; per cell the median of the samples.
 */
async function fillSideBySide(directory: string): Promise<{small: Sample[]; large: Sample[]}> {
	const labelsOf = (hosts: number) => Array.from({length: hosts}, (_, index) => `root@node${index + 1}.bench.test:22`);
	const small = {labels: labelsOf(16), journal: openJournal(path.join(directory, 'small'), labelsOf(16)), samples: [] as Sample[]};
	const large = {labels: labelsOf(256), journal: openJournal(path.join(directory, 'large'), labelsOf(256)), samples: [] as Sample[]};
	const realFsync = fs.fsyncSync;
	fs.fsyncSync = (fd: number) => {
		fsyncs++;
		realFsync(fd);
	};

	// The journal's log is fsynced through a FileHandle (off the event loop): count those too.
	const probe = await fs.promises.open(path.join(directory, 'probe'), 'w');
	const handles = Object.getPrototypeOf(probe) as {sync: () => Promise<void>};
	await probe.close();
	const realSync = handles.sync;
	handles.sync = async function (this: unknown) {
		fsyncs++;
		return realSync.call(this);
	};

	try {
		// Samples of 16 hosts each on both sides (a mean over 512 fsyncs and one over 32 differ in their tails, not in their cost).
		for (let step = 0; step < steps; step++) {
			for (let chunk = 0; chunk < large.labels.length; chunk += sample) {
				large.samples.push(await recordStep(large.journal, large.labels.slice(chunk, chunk + sample), step));
				if (chunk === (step % 16) * sample) {
					small.samples.push(await recordStep(small.journal, small.labels, step));
				}
			}
		}
	} finally {
		fs.fsyncSync = realFsync;
		handles.sync = realSync;
	}

	return {small: small.samples, large: large.samples};
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Issue 11 item 1: the cost of one journal cell must not grow with the journal (16 vs 256 hosts × 40 steps).
 * The wall figure is mostly fsync, which the disk and the machine's other work make noisy: hence medians of
 * interleaved steps, and beside it what does not depend on the disk (bytes written, fsyncs, CPU per cell).
 */
const journalBench: BenchModule = async emit => {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-journal-bench-'));
	try {
		const {small, large} = await fillSideBySide(directory);
		const ms = {small: median(small.map(sample => sample.ms)), large: median(large.map(sample => sample.ms))};
		const cpu = {small: median(small.map(sample => sample.cpuMs)), large: median(large.map(sample => sample.cpuMs))};
		const bytes = {small: mean(small.map(sample => sample.bytes)), large: mean(large.map(sample => sample.bytes))};
		const syncs = {small: mean(small.map(sample => sample.fsyncs)), large: mean(large.map(sample => sample.fsyncs))};
		const how = 'median of 16-host samples of a 40-step fill, the two journals filled side by side';
		emit({name: 'journal-ms-per-cell-16', value: round(ms.small, 3), unit: 'ms', target: null, note: `wall per step × host result (running record made durable, then done; as the runner records a host's step); ${how}`});
		emit({name: 'journal-ms-per-cell-256', value: round(ms.large, 3), unit: 'ms', target: null, note: how});
		emit({name: 'journal-cell-256-vs-16', value: round(ms.large / ms.small), unit: 'x', target: '<= 1.5', note: `ratio of those medians; load ${os.loadavg()[0]!.toFixed(1)}`});
		emit({name: 'journal-cpu-cell-256-vs-16', value: round(cpu.large / cpu.small), unit: 'x', target: '<= 1.5', note: `CPU per cell (${round(cpu.small, 3)} vs ${round(cpu.large, 3)} ms), medians: the journal's own work, without the disk's waits`});
		emit({name: 'journal-bytes-per-cell-256-vs-16', value: round(bytes.large / bytes.small), unit: 'x', target: '<= 1.5', note: `bytes passed to write(2) per cell over the whole fill, folds included (${Math.round(bytes.small)} vs ${Math.round(bytes.large)})`});
		emit({name: 'journal-fsyncs-per-cell-16', value: round(syncs.small), unit: 'fsyncs', target: null, note: 'fsync calls per cell over the whole fill, folds included'});
		emit({name: 'journal-fsyncs-per-cell-256', value: round(syncs.large), unit: 'fsyncs', target: null, note: 'fsync calls per cell over the whole fill, folds included'});
	} finally {
		fs.rmSync(directory, {recursive: true, force: true});
	}
};

export default journalBench;
