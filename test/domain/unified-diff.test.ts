import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {unifiedDiff} from '../../source/domain/unified-diff.js';

/** Applies the diff with GNU patch to a copy of the old text and returns the result. */
function patchRoundTrip(oldText: string, diff: string): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'snf-diff-'));
	try {
		const file = path.join(dir, 'file.conf');
		writeFileSync(file, oldText);
		const result = spawnSync('patch', ['--batch', '--silent', '--no-backup-if-mismatch', file], {input: diff, encoding: 'utf8'});
		expect(result.stderr + result.stdout).toBe('');
		expect(result.status).toBe(0);
		return readFileSync(file, 'utf8');
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

/** GNU diff -u's hunks (headers dropped) for the same texts. */
function gnuDiff(oldText: string, newText: string): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'snf-diff-'));
	try {
		writeFileSync(path.join(dir, 'a'), oldText);
		writeFileSync(path.join(dir, 'b'), newText);
		const result = spawnSync('diff', ['-u', path.join(dir, 'a'), path.join(dir, 'b')], {encoding: 'utf8'});
		return result.stdout.split('\n').slice(2).join('\n');
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

const numbered = (count: number): string => Array.from({length: count}, (_, index) => `line ${index + 1}\n`).join('');

describe('unifiedDiff', () => {
	it('is empty for equal texts', () => {
		expect(unifiedDiff('a\n', 'a\n', '/etc/x')).toBe('');
	});

	it('writes a standard hunk with three lines of context', () => {
		const oldText = numbered(10);
		const newText = oldText.replace('line 5\n', 'line five\n');
		expect(unifiedDiff(oldText, newText, '/etc/synnefo/20-snf-cyclades-app-api.conf')).toBe([
			'--- a/etc/synnefo/20-snf-cyclades-app-api.conf',
			'+++ b/etc/synnefo/20-snf-cyclades-app-api.conf',
			'@@ -2,7 +2,7 @@',
			' line 2',
			' line 3',
			' line 4',
			'-line 5',
			'+line five',
			' line 6',
			' line 7',
			' line 8',
			'',
		].join('\n'));
	});

	it('splits distant changes into hunks and merges close ones', () => {
		const oldText = numbered(30);
		const far = oldText.replace('line 2\n', 'two\n').replace('line 20\n', '');
		expect(unifiedDiff(oldText, far, 'f').split('\n').filter(line => line.startsWith('@@'))).toEqual(['@@ -1,5 +1,5 @@', '@@ -17,7 +17,6 @@']);
		const close = oldText.replace('line 2\n', 'two\n').replace('line 9\n', 'nine\n');
		expect(unifiedDiff(oldText, close, 'f').split('\n').filter(line => line.startsWith('@@'))).toEqual(['@@ -1,12 +1,12 @@']);
	});

	it('handles empty files and a missing final newline like diff -u', () => {
		expect(unifiedDiff('', 'a\n', 'f')).toBe('--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a\n');
		expect(unifiedDiff('a\n', '', 'f')).toBe('--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-a\n');
		expect(unifiedDiff('a\nb', 'a\nb\n', 'f')).toBe('--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
		expect(unifiedDiff('x\n', 'y', 'f')).toBe('--- a/f\n+++ b/f\n@@ -1 +1 @@\n-x\n+y\n\\ No newline at end of file\n');
	});

	it('matches GNU diff -u on unambiguous edits', () => {
		const oldText = numbered(40);
		const newText = oldText.replace('line 3\n', 'line 3\ninserted\n').replace('line 20\n', 'changed 20\n').replace('line 38\nline 39\n', '');
		const ours = unifiedDiff(oldText, newText, 'f').split('\n').slice(2).join('\n');
		expect(ours).toBe(gnuDiff(oldText, newText));
	});

	it('round-trips through patch on settings-like edits (CRLF and missing newline included)', () => {
		const base = readFileSync(new URL('../fixtures/transforms/20-snf-cyclades-app-api.conf', import.meta.url), 'utf8');
		const cases: Array<[string, string]> = [
			[base, base.replace('#ASTAKOS_AUTH_URL', 'ASTAKOS_AUTH_URL').replace(/#CYCLADES_VNCAUTHPROXY_OPTS[^}]*#\}\n/, 'CYCLADES_VNCAUTHPROXY_OPTS = {\n    \'auth_user\': \'synnefo\',\n}\n')],
			[base, `${base}APPENDED = 1\n`],
			[base, base.split('\n').reverse().join('\n')],
			[base.replaceAll('\n', '\r\n'), base.replaceAll('\n', '\r\n').replace('#POLL_LIMIT', 'POLL_LIMIT')],
			['a\nb\nc', 'a\nB\nc'],
			['only\n', 'changed'],
		];
		for (const [oldText, newText] of cases) {
			expect(patchRoundTrip(oldText, unifiedDiff(oldText, newText, '/etc/synnefo/file.conf'))).toBe(newText);
		}
	});
});
