import {execFileSync} from 'node:child_process';
import {appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {checkHostKey, entriesFor, readKnownHosts} from '../../../source/executors/ssh/known-hosts.js';
import {keygen} from '../../helpers/sshd.js';

const dir = mkdtempSync('/tmp/snf-known-hosts-cache-');
afterAll(() => {
	rmSync(dir, {recursive: true, force: true});
});

function publicKey(name: string): {line: string; key: Buffer} {
	keygen(join(dir, name));
	const [type = '', base64 = ''] = readFileSync(join(dir, `${name}.pub`), 'utf8').split(' ');
	return {line: `${type} ${base64}`, key: Buffer.from(base64, 'base64')};
}

// known_hosts is parsed once per content of the file and reused across connections: every change must still be seen.
describe('known_hosts read once per content of the file', () => {
	const first = publicKey('first');
	const second = publicKey('second');

	it('sees a key appended after an earlier read (accept-new by another connection, or the admin)', () => {
		const file = join(dir, 'appended');
		writeFileSync(file, `other.test ${first.line}\n`);
		expect(checkHostKey(readKnownHosts([file]), 'db.test', first.key).kind).toBe('unknown');
		appendFileSync(file, `db.test ${first.line}\n`);
		expect(checkHostKey(readKnownHosts([file]), 'db.test', first.key).kind).toBe('ok');
	});

	it('sees a key replaced by another of the same length (same file size), in place or renamed over', () => {
		const file = join(dir, 'replaced');
		writeFileSync(file, `db.test ${first.line}\n`);
		expect(checkHostKey(readKnownHosts([file]), 'db.test', second.key).kind).toBe('mismatch');
		writeFileSync(file, `db.test ${second.line}\n`);
		expect(checkHostKey(readKnownHosts([file]), 'db.test', second.key).kind).toBe('ok');
		writeFileSync(`${file}.new`, `db.test ${first.line}\n`);
		renameSync(`${file}.new`, file);
		expect(checkHostKey(readKnownHosts([file]), 'db.test', second.key).kind).toBe('mismatch');
	});

	it('sees a file removed and one created later', () => {
		const file = join(dir, 'comes-and-goes');
		expect(readKnownHosts([file])).toEqual([]);
		writeFileSync(file, `db.test ${first.line}\n`);
		expect(checkHostKey(readKnownHosts([file]), 'db.test', first.key).kind).toBe('ok');
		rmSync(file);
		expect(checkHostKey(readKnownHosts([file]), 'db.test', first.key).kind).toBe('unknown');
	});

	it('finds literal, glob and hashed entries for a host in file order, names case-insensitively', () => {
		const file = join(dir, 'mixed');
		const hashed = join(dir, 'hashed');
		writeFileSync(hashed, `db.test ${second.line}\n`);
		execFileSync('ssh-keygen', ['-H', '-f', hashed], {stdio: 'ignore'});
		writeFileSync(file, [
			`*.test ${first.line}`,
			`web.test,DB.test ${second.line}`,
			readFileSync(hashed, 'utf8').trim(),
			`*.test,!db.test ${first.line}`,
			`@revoked db.test ${first.line}`,
			`[db.test]:2222 ${first.line}`,
			'',
		].join('\n'));
		const entries = readKnownHosts([file]);
		expect(entriesFor(entries, 'db.test').map(entry => entry.line)).toEqual([1, 2, 3]);
		expect(entriesFor(entries, 'web.test').map(entry => entry.line)).toEqual([1, 2, 4]);
		expect(entriesFor(entries, '[db.test]:2222').map(entry => entry.line)).toEqual([6]);
		expect(checkHostKey(entries, 'db.test', first.key).kind).toBe('revoked');
	});
});
