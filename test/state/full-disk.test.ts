import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {OperationError} from '../../source/domain/errors.js';
import {writeFileAtomicSync} from '../../source/state/atomic-file.js';
import {openJournal, readJournalFile} from '../../source/state/journal.js';

/** A real 64 KiB tmpfs: writes on it fail with ENOSPC once it is full (root mounts it; the test needs root). */
let disk: string;
const filler = () => path.join(disk, 'filler');

/** Fills the file system to the last page. */
function fill() {
	const page = Buffer.alloc(4096, 1);
	const fd = fs.openSync(filler(), 'a');
	try {
		for (;;) {
			fs.writeSync(fd, page);
		}
	} catch (error) {
		expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
	} finally {
		fs.closeSync(fd);
	}
}

beforeAll(() => {
	disk = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-full-disk-'));
	execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', disk]);
});

afterAll(() => {
	execFileSync('umount', [disk]);
	fs.rmdirSync(disk);
});

beforeEach(() => {
	for (const name of fs.readdirSync(disk)) {
		fs.rmSync(path.join(disk, name), {recursive: true, force: true});
	}
});

const caught = (act: () => void): unknown => {
	try {
		act();
	} catch (error) {
		return error;
	}

	throw new Error('expected an error');
};

describe('on a full state directory', () => {
	it('an atomic write fails whole: the old content stays, no temp file is left, and the message says no space left', () => {
		const file = path.join(disk, 'state.json');
		writeFileAtomicSync(file, '{"old": true}\n');
		fill();
		const error = caught(() => writeFileAtomicSync(file, JSON.stringify({new: 'x'.repeat(20_000)})));
		expect(error).toBeInstanceOf(OperationError);
		expect((error as OperationError).message).toBe(`no space left in ${disk} (ENOSPC): ${file} was not written; its previous content is kept`);
		expect((error as OperationError).details.hint).toContain('Free some space there');
		expect(fs.readFileSync(file, 'utf8')).toBe('{"old": true}\n');
		expect(fs.readdirSync(disk).sort()).toEqual(['filler', 'state.json']);
	});

	it('the journal keeps every record made before the disk filled, whole, and goes on once space is freed', () => {
		const journals = path.join(disk, 'journals');
		const journal = openJournal(journals, ['local (/sb/astakos)']);
		journal.set('a', 'h', {status: 'done'});
		journal.set('b', 'h', {status: 'running'});
		fill();
		const error = caught(() => journal.set('b', 'h', {status: 'done', detail: 'x'.repeat(12_000)}));
		expect((error as OperationError).message).toMatch(/^no space left in .*journals \(ENOSPC\): .*\.log was not written; the journal keeps what it held before$/);
		expect(fs.readdirSync(journals).filter(name => name.endsWith('.tmp'))).toEqual([]);
		const onDisk = readJournalFile(journal.file)!;
		expect(onDisk.steps).toEqual({a: {h: {status: 'done'}}, b: {h: {status: 'running'}}});
		expect(openJournal(journals, ['local (/sb/astakos)'], {readOnly: true}).torn).toBeUndefined();
		fs.rmSync(filler());
		const again = openJournal(journals, ['local (/sb/astakos)']);
		again.set('b', 'h', {status: 'done'});
		expect(readJournalFile(journal.file)!.steps.b!.h!.status).toBe('done');
	});
});
