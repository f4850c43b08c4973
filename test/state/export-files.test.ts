import {mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {afterAll, describe, expect, it} from 'vitest';
import {writeExportFiles} from '../../source/state/export-files.js';

const directory = mkdtempSync(path.join(process.env['TMPDIR'] ?? '/tmp', 'export-files-'));
afterAll(() => rmSync(directory, {recursive: true, force: true}));

describe('writeExportFiles', () => {
	it('makes a new directory and writes the files, 0644 less the umask (as the shell that runs the suite has one of its own, each is set here)', () => {
		for (const umask of [0o022, 0o077]) {
			const out = path.join(directory, `new-${umask.toString(8)}/dir`);
			const before = process.umask(umask);
			try {
				writeExportFiles(out, {'playbook.yml': 'a\n', 'inventory.yml': 'b\n'}, false);
			} finally {
				process.umask(before);
			}

			expect(readFileSync(path.join(out, 'playbook.yml'), 'utf8')).toBe('a\n');
			expect(statSync(path.join(out, 'inventory.yml')).mode & 0o777, `umask ${umask.toString(8)}`).toBe(0o644 & ~umask);
		}
	});

	it('refuses a directory that holds anything unless --force, which replaces only its own files', () => {
		const out = path.join(directory, 'used');
		mkdirSync(out);
		writeFileSync(path.join(out, 'notes.txt'), 'mine');
		writeFileSync(path.join(out, 'playbook.yml'), 'old');
		expect(() => writeExportFiles(out, {'playbook.yml': 'new'}, false)).toThrow(/^--out .*used is not empty \(.*notes\.txt.*\)$/);
		expect(readFileSync(path.join(out, 'playbook.yml'), 'utf8')).toBe('old');
		writeExportFiles(out, {'playbook.yml': 'new'}, true);
		expect(readFileSync(path.join(out, 'playbook.yml'), 'utf8')).toBe('new');
		expect(readFileSync(path.join(out, 'notes.txt'), 'utf8')).toBe('mine');
	});

	it('refuses a file given as the directory', () => {
		const file = path.join(directory, 'file');
		writeFileSync(file, '');
		expect(() => writeExportFiles(file, {'a': 'b'}, true)).toThrow(/is not a directory/);
	});
});
