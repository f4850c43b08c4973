import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Host} from '../../source/domain/inventory-types.js';
import {command, harness, host, step} from './fixtures.js';

let directory: string;
beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-journal-durable-'));
});

const realFsyncSync = fs.fsyncSync;
let handlePrototype: {sync: () => Promise<void>} | undefined;
let realHandleSync: (() => Promise<void>) | undefined;
afterEach(() => {
	fs.fsyncSync = realFsyncSync;
	if (handlePrototype !== undefined && realHandleSync !== undefined) {
		handlePrototype.sync = realHandleSync;
	}

	fs.rmSync(directory, {recursive: true, force: true});
});

/** Lines of the journal's log now (0 when it is folded away or not there yet). */
const logLines = (logFile: string) => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').length - 1 : 0);

/**
 * Watches the real fsyncs (they still run): how many, and how many lines of the log were on disk when the
 * last one finished (each covers the lines written before it started).
 */
async function watchFsyncs(logFile: string) {
	const seen = {calls: 0, durableLines: 0};
	fs.fsyncSync = (fd: number) => {
		seen.calls++;
		realFsyncSync(fd);
		seen.durableLines = Math.max(seen.durableLines, logLines(logFile));
	};

	const probe = await fs.promises.open(path.join(directory, 'probe'), 'w');
	handlePrototype = Object.getPrototypeOf(probe) as {sync: () => Promise<void>};
	await probe.close();
	const sync = handlePrototype.sync;
	realHandleSync = sync;
	handlePrototype.sync = async function (this: unknown) {
		seen.calls++;
		const covered = logLines(logFile);
		await sync.call(this);
		seen.durableLines = Math.max(seen.durableLines, covered);
	};

	return seen;
}

describe('the journal under a fan-out step', () => {
	it('has each host\'s running record on disk before its command starts, with fewer fsyncs than hosts', async () => {
		const hosts: Host[] = Array.from({length: 32}, (_, index) => host(`node${index + 1}`));
		const test = harness(directory, [{match: /^mark installed$/, run(io) {
			const lines = fs.readFileSync(logFile, 'utf8').split('\n');
			const running = lines.findIndex(line => line.includes(`"host":"${io.host.id}"`) && line.includes('"status":"running"'));
			startedAfterSync.push(running !== -1 && running < seen.durableLines);
		}}]);
		const logFile = test.journalFile.replace(/\.json$/, '.log');
		const startedAfterSync: boolean[] = [];
		// A first record folds the journal into its snapshot (fsynced), so the step's records go to the log.
		await test.run([step('before', 'services-down', [command(hosts[0]!, ['true'])])]);
		const seen = await watchFsyncs(logFile);
		const result = await test.run([step('install-packages', 'packages', hosts.map(on => command(on, ['mark', 'installed'])))], {parallel: 32});
		expect(result.outcome).toBe('done');
		expect(startedAfterSync).toHaveLength(32);
		expect(startedAfterSync.every(Boolean)).toBe(true);
		// 64 records (running, done); each fsynced on its own they would take 64.
		expect(seen.calls).toBeGreaterThan(0);
		expect(seen.calls).toBeLessThan(32);
		// The run's last records (done) are on disk when it returns.
		expect(seen.durableLines).toBe(logLines(logFile));
	});
});
