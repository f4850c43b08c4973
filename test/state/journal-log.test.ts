import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {InputError} from '../../source/domain/errors.js';
import {deploymentKey, journalFile, openJournal, readJournalFile, type JournalEntry} from '../../source/state/journal.js';

let directory: string;
const hosts = ['local (/sb/astakos)'];

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-journal-log-'));
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

/** Bytes this process has passed to write(2) so far (the kernel's count, /proc/self/io). */
const bytesWritten = () => Number(/^wchar: (\d+)$/m.exec(fs.readFileSync('/proc/self/io', 'utf8'))![1]);

/** A journal holding `cells` step × host results, as a deployment of cells/40 hosts × 40 steps would after a run. */
function journalWith(where: string, cells: number) {
	const steps: Record<string, Record<string, JournalEntry>> = {};
	for (let cell = 0; cell < cells; cell++) {
		steps[`step-${cell % 40}`] = {...steps[`step-${cell % 40}`], [`host-${Math.floor(cell / 40)}`]: {status: 'done', exitCode: 0, actionHash: 'a'.repeat(64), answersHash: 'b'.repeat(64), endedAt: new Date().toISOString(), detail: 'done'}};
	}

	const file = journalFile(where, hosts);
	fs.mkdirSync(where, {recursive: true});
	fs.writeFileSync(file, JSON.stringify({version: 1, deployment: deploymentKey(hosts), hosts, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', steps}, undefined, '\t'));
	return openJournal(where, hosts);
}

/** Mean bytes written to record one result into the journal. */
function bytesPerRecord(journal: ReturnType<typeof openJournal>, records: number): number {
	const before = bytesWritten();
	for (let index = 0; index < records; index++) {
		journal.set(`step-${index % 40}`, `host-${index % 7}`, {status: 'done', exitCode: 0, actionHash: 'c'.repeat(64), answersHash: 'd'.repeat(64), endedAt: new Date().toISOString(), detail: 'done again'});
	}

	return (bytesWritten() - before) / records;
}

describe('the journal at scale', () => {
	it('recording one result writes as many bytes in a journal of 10,000 cells as in one of 16', () => {
		const small = journalWith(path.join(directory, 'small'), 16);
		const large = journalWith(path.join(directory, 'large'), 10_000);
		const smallCost = bytesPerRecord(small, 600);
		const largeCost = bytesPerRecord(large, 600);
		expect(largeCost).toBeLessThan(2048);
		expect(largeCost / smallCost).toBeLessThanOrEqual(1.5);
		expect(Object.keys(readJournalFile(large.file)!.steps)).toHaveLength(40);
		expect(openJournal(path.join(directory, 'large'), hosts).entry('step-3', 'host-3')).toMatchObject({detail: 'done again'});
	});
});

describe('a record cut off by a crash', () => {
	const appendRaw = (file: string, text: string) => fs.appendFileSync(file.replace(/\.json$/, '.log'), text);

	it('is ignored and reported; the records before it are kept and the log is whole again', () => {
		const first = openJournal(directory, hosts);
		first.set('a', 'h', {status: 'done'});
		first.set('b', 'h', {status: 'running'});
		appendRaw(first.file, '{"at":"2025-01-01T00:00:00.000Z","step":"b","host":"h","entry":{"sta');
		const second = openJournal(directory, hosts);
		expect(second.torn).toMatch(/last record \(line \d+, \d+ bytes, no end of line\) was cut off/);
		expect(second.entry('a', 'h')!.status).toBe('done');
		expect(second.entry('b', 'h')!.status).toBe('running');
		second.set('c', 'h', {status: 'done'});
		const third = openJournal(directory, hosts);
		expect(third.torn).toBeUndefined();
		expect(third.entry('c', 'h')!.status).toBe('done');
	});

	it('a read-only open (dry run) reports it and leaves the files as they are', () => {
		const first = openJournal(directory, hosts);
		first.set('a', 'h', {status: 'done'});
		first.set('b', 'h', {status: 'done'});
		appendRaw(first.file, '{"at":"x","st');
		const log = fs.readFileSync(first.file.replace('.json', '.log'), 'utf8');
		const dry = openJournal(directory, hosts, {readOnly: true});
		expect(dry.torn).toContain('cut off');
		expect(dry.entry('b', 'h')!.status).toBe('done');
		expect(fs.readFileSync(first.file.replace('.json', '.log'), 'utf8')).toBe(log);
	});

	it('a bad record before the last one is damage: a clear error naming the line, nothing rewritten', () => {
		const first = openJournal(directory, hosts);
		first.set('a', 'h', {status: 'done'});
		first.set('b', 'h', {status: 'done'});
		appendRaw(first.file, 'garbage\n{"at":"x","step":"c","host":"h","entry":{"status":"done"}}\n');
		expect(() => openJournal(directory, hosts)).toThrow(InputError);
		expect(() => openJournal(directory, hosts)).toThrow(/journal log .*\.log line 2: not valid JSON/);
	});
});
