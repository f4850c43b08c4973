import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {InputError} from '../../source/domain/errors.js';
import {deploymentKey, listJournals, openJournal, readJournalFile, resetJournal} from '../../source/state/journal.js';

let directory: string;
const hosts = ['local (/sb/astakos)', 'admin@cyclades:22'];

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-journal-'));
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

describe('journal', () => {
	it('is keyed by the deployment: a hash of its host labels, in any order', () => {
		expect(deploymentKey(hosts)).toBe(deploymentKey([...hosts].reverse()));
		expect(deploymentKey(hosts)).not.toBe(deploymentKey(['local (/sb/astakos)']));
		expect(openJournal(directory, hosts).file).toBe(path.join(directory, `${deploymentKey(hosts)}.json`));
	});

	it('writes every change at once, atomically, leaving no temp files, redacting details', () => {
		const journal = openJournal(directory, hosts, {redact: text => text.replaceAll('pw', '••••'), now: () => new Date('2025-01-01T00:00:00Z')});
		journal.set('stop', 'astakos', {status: 'running', startedAt: 'x'});
		expect(readJournalFile(journal.file)!.steps.stop!.astakos!.status).toBe('running');
		journal.set('stop', 'astakos', {status: 'failed', detail: 'bad pw'});
		const data = readJournalFile(journal.file)!;
		expect(data).toMatchObject({version: 1, hosts: [...hosts].sort(), updatedAt: '2025-01-01T00:00:00.000Z', steps: {stop: {astakos: {status: 'failed', detail: 'bad ••••'}}}});
		expect(fs.readdirSync(directory).sort()).toEqual([path.basename(journal.file), path.basename(journal.file).replace('.json', '.log')]);
		expect(fs.statSync(journal.file).mode & 0o777).toBe(0o600);
		expect(fs.statSync(journal.file.replace('.json', '.log')).mode & 0o777).toBe(0o600);
	});

	it('reads back what it wrote', () => {
		openJournal(directory, hosts).set('s', 'h', {status: 'done', exitCode: 0});
		expect(openJournal(directory, hosts).entry('s', 'h')).toEqual({status: 'done', exitCode: 0});
	});

	it('turns entries left running by a crash into unknown', () => {
		const first = openJournal(directory, hosts);
		first.set('a', 'h1', {status: 'done'});
		first.set('b', 'h1', {status: 'running'});
		const second = openJournal(directory, hosts);
		expect(second.recoverInterrupted()).toEqual([['b', 'h1']]);
		expect(readJournalFile(second.file)!.steps.b!.h1!.status).toBe('unknown');
		expect(second.entry('a', 'h1')!.status).toBe('done');
	});

	it('read-only (dry run) keeps changes in memory', () => {
		openJournal(directory, hosts).set('a', 'h', {status: 'failed'});
		const dry = openJournal(directory, hosts, {readOnly: true});
		expect(dry.entry('a', 'h')!.status).toBe('failed');
		dry.set('a', 'h', {status: 'done'});
		expect(readJournalFile(dry.file)!.steps.a!.h!.status).toBe('failed');
	});

	it.each([
		['not JSON', '{"version": 1, "steps": {', 'not valid JSON'],
		['a wrong status', JSON.stringify({version: 1, deployment: 'x', hosts: [], steps: {a: {h: {status: 'great'}}}}), 'steps.a.h: expected an entry with a status'],
		['another version', JSON.stringify({version: 7, deployment: 'x', hosts: [], steps: {}}), 'unknown version 7'],
	])('a damaged journal (%s) gives a clear error naming the file, keeps it, and suggests status --reset', (_what, text, problem) => {
		const file = openJournal(directory, hosts).file;
		fs.writeFileSync(file, text);
		let error: unknown;
		try {
			openJournal(directory, hosts);
		} catch (caught) {
			error = caught;
		}

		expect(error).toBeInstanceOf(InputError);
		expect((error as InputError).message).toContain(`the journal ${file} is damaged: ${problem}`);
		expect((error as InputError).hint).toContain('snf-upgrade status --reset');
		expect(fs.readFileSync(file, 'utf8')).toBe(text);
	});

	it('reset moves the journal aside as a timestamped backup', () => {
		const journal = openJournal(directory, hosts);
		journal.set('a', 'h', {status: 'done'});
		const backup = resetJournal(journal.file, new Date('2025-02-03T04:05:06.007Z'))!;
		expect(backup).toBe(journal.file.replace(/\.json$/, '.2025-02-03T04-05-06-007Z.bak.json'));
		expect(fs.existsSync(journal.file)).toBe(false);
		expect(JSON.parse(fs.readFileSync(backup, 'utf8'))).toMatchObject({steps: {a: {h: {status: 'done'}}}});
		expect(resetJournal(journal.file)).toBeUndefined();
		expect(listJournals(directory)).toEqual([]);
	});
});
