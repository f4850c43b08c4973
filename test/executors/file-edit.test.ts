import {execFileSync} from 'node:child_process';
import {chmod, chown, lstat, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {FileEdit} from '../../source/domain/action-types.js';
import {OperationError} from '../../source/domain/errors.js';
import type {Host} from '../../source/domain/inventory-types.js';
import {createRedactor} from '../../source/domain/redact.js';
import {createDryRunExecutor} from '../../source/executors/dry-run-executor.js';
import type {Executor} from '../../source/executors/executor.js';
import {previewEdit, readRemoteFile, sha256, writeFileAtomically} from '../../source/executors/file-edit.js';
import {createLocalExecutor} from '../../source/executors/local-executor.js';

const host: Host = {id: 'local', label: 'local', sudo: false, target: {kind: 'local', root: '', env: {}}};
const nobody = Number(execFileSync('id', ['-u', 'nobody'], {encoding: 'utf8'}).trim());
const nogroup = Number(execFileSync('id', ['-g', 'nobody'], {encoding: 'utf8'}).trim());
const now = new Date('2025-03-04T05:06:07.890Z');
const secretCore = 'st4ts-k3y';
const secret = `${secretCore}'"$(x)`;

const original = [
	'## Cyclades stats',
	'#CYCLADES_STATS_SECRET_KEY = "secret key"',
	"ASTAKOS_AUTH_URL = 'https://accounts.example.org/identity/v2.0'",
	'',
].join('\n');
const edits: FileEdit[] = [{op: 'python-set', name: 'CYCLADES_STATS_SECRET_KEY', value: {secret: 'statsSecretKey', value: secret}}];

/** Records every command line the executor is given. */
function recording(inner: Executor, lines: string[]): Executor {
	return {
		host: inner.host,
		run: async (commandLine, options) => {
			lines.push(commandLine);
			return inner.run(commandLine, options);
		},
		dispose: async () => inner.dispose(),
	};
}

describe('file edits through the local executor (as root)', () => {
	let dir: string;
	let file: string;
	const commandLines: string[] = [];
	const executor = recording(createLocalExecutor(host), commandLines);

	beforeEach(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'snf-file-edit-'));
		file = path.join(dir, '20-snf-cyclades-app-api.conf');
		await writeFile(file, original);
		await chown(file, nobody, nogroup);
		await chmod(file, 0o640);
		commandLines.length = 0;
	});

	afterEach(async () => {
		await rm(dir, {recursive: true, force: true});
	});

	it('reads content, mode, owner and the hash of what was read', async () => {
		const snapshot = await readRemoteFile(executor, file, {asRoot: true});
		expect(snapshot).toEqual({path: file, target: file, text: original, sha256: sha256(original), mode: 0o640, uid: nobody, gid: nogroup});
	});

	it('a missing file is an OperationError naming it', async () => {
		await expect(readRemoteFile(executor, path.join(dir, 'absent.conf'), {asRoot: true})).rejects.toThrow(/Cannot read .*absent\.conf/);
	});

	it('previews: the written text has the secret, the diff shows it masked', async () => {
		const snapshot = await readRemoteFile(executor, file, {asRoot: true});
		const preview = previewEdit(snapshot, edits, createRedactor([secret]));
		// Written as a Python literal (quotes escaped), so look for the part that needs no escaping.
		expect(preview.newText).toMatch(/^CYCLADES_STATS_SECRET_KEY = .*st4ts-k3y/m);
		expect(preview.diff).toMatch(/^\+CYCLADES_STATS_SECRET_KEY = '••••'$/m);
		expect(preview.diff).not.toContain(secretCore);
	});

	it('previews without showing the secrets of the deployment that snf-upgrade was never given', async () => {
		await writeFile(file, `${original}SECRET_KEY = 'dj4ngo-s3cret'\nPITHOS_BACKEND_DB_CONNECTION = 'postgresql://synnefo:db-p4ss@db:5432/snf_pithos'\n`);
		const snapshot = await readRemoteFile(executor, file, {asRoot: true});
		const preview = previewEdit(snapshot, edits, createRedactor([secret]));
		expect(preview.diff).toContain("SECRET_KEY = '••••'");
		expect(preview.diff).not.toMatch(/dj4ngo-s3cret|db-p4ss/);
		expect(preview.newText).toContain('dj4ngo-s3cret');
	});

	it('round trip: new content, mode and owner kept, backup of the old content, content never on a command line', async () => {
		const snapshot = await readRemoteFile(executor, file, {asRoot: true});
		const {newText} = previewEdit(snapshot, edits, createRedactor([secret]));
		const {backupPath} = await writeFileAtomically(executor, snapshot, newText, {asRoot: true, validate: 'python', now});
		expect(backupPath).toBe(`${file}.snf-upgrade-20250304T050607Z.bak`);
		expect(await readFile(file, 'utf8')).toBe(newText);
		expect(await readFile(backupPath!, 'utf8')).toBe(original);
		for (const written of [file, backupPath!]) {
			const info = await stat(written);
			expect({mode: info.mode & 0o7777, uid: info.uid, gid: info.gid}).toEqual({mode: 0o640, uid: nobody, gid: nogroup});
		}

		expect((await readdir(dir)).sort()).toEqual([path.basename(file), path.basename(backupPath!)].sort());
		for (const line of commandLines) {
			expect(line).not.toContain(secretCore);
		}
	});

	it('through a dry-run executor the write is skipped: file untouched, no backup', async () => {
		const skipped: string[] = [];
		const dryRun = createDryRunExecutor(executor, line => skipped.push(line));
		const snapshot = await readRemoteFile(dryRun, file, {asRoot: true});
		expect(snapshot.text).toBe(original);
		const written = await writeFileAtomically(dryRun, snapshot, 'A = 1\n', {asRoot: true, validate: 'python', now});
		expect(written).toEqual({});
		expect(skipped).toHaveLength(1);
		expect(await readFile(file, 'utf8')).toBe(original);
		expect(await readdir(dir)).toEqual([path.basename(file)]);
	});

	it('a second write in the same second keeps the first backup', async () => {
		const first = await readRemoteFile(executor, file, {asRoot: true});
		const one = await writeFileAtomically(executor, first, 'A = 1\n', {asRoot: true, validate: 'python', now});
		const second = await readRemoteFile(executor, file, {asRoot: true});
		const two = await writeFileAtomically(executor, second, 'A = 2\n', {asRoot: true, validate: 'python', now});
		expect(two.backupPath).toBe(`${file}.snf-upgrade-20250304T050607Z-1.bak`);
		expect(await readFile(one.backupPath!, 'utf8')).toBe(original);
		expect(await readFile(two.backupPath!, 'utf8')).toBe('A = 1\n');
	});

	it('never writes through a name planted where the backup goes; the backup takes the next free name', async () => {
		const stem = `${file}.snf-upgrade-20250304T050607Z`;
		const redirected = path.join(dir, 'redirected');
		const elsewhere = await mkdtemp(path.join(tmpdir(), 'snf-file-edit-elsewhere-'));
		try {
			await symlink(redirected, `${stem}.bak`);
			await symlink(elsewhere, `${stem}-1.bak`);
			const snapshot = await readRemoteFile(executor, file, {asRoot: true});
			const {backupPath} = await writeFileAtomically(executor, snapshot, 'A = 1\n', {asRoot: true, validate: 'python', now});
			expect(backupPath).toBe(`${stem}-2.bak`);
			expect((await lstat(backupPath!)).isFile()).toBe(true);
			expect(await readFile(backupPath!, 'utf8')).toBe(original);
			expect(await readFile(file, 'utf8')).toBe('A = 1\n');
			expect(await readdir(elsewhere)).toEqual([]);
			expect((await readdir(dir)).sort()).toEqual([path.basename(file), `${path.basename(stem)}.bak`, `${path.basename(stem)}-1.bak`, `${path.basename(stem)}-2.bak`].sort());
		} finally {
			await rm(elsewhere, {recursive: true, force: true});
		}
	});

	it('refuses when the file changed between read and write; nothing written', async () => {
		const snapshot = await readRemoteFile(executor, file, {asRoot: true});
		await writeFile(file, `${original}# edited by the admin meanwhile\n`);
		const failure = writeFileAtomically(executor, snapshot, 'X = 1\n', {asRoot: true, validate: 'python', now});
		await expect(failure).rejects.toBeInstanceOf(OperationError);
		await expect(failure).rejects.toThrow(/changed since it was read; nothing was written/);
		expect(await readFile(file, 'utf8')).toBe(`${original}# edited by the admin meanwhile\n`);
		expect(await readdir(dir)).toEqual([path.basename(file)]);
	});

	it('a python syntax error restores the original, with the compiler message', async () => {
		const snapshot = await readRemoteFile(executor, file, {asRoot: true});
		const failure = await writeFileAtomically(executor, snapshot, 'BROKEN = (\n', {asRoot: true, validate: 'python', now}).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(OperationError);
		const error = failure as OperationError;
		expect(error.message).toMatch(/failed the python check; the original was restored/);
		expect(error.details.outputTail).toMatch(/SyntaxError/);
		expect(await readFile(file, 'utf8')).toBe(original);
		const info = await stat(file);
		expect({mode: info.mode & 0o7777, uid: info.uid}).toEqual({mode: 0o640, uid: nobody});
	});

	it('a compiler complaint quoting a line with a password shows it masked', async () => {
		const snapshot = await readRemoteFile(executor, file, {asRoot: true});
		const broken = "DATABASES = {\n    'default': {\n        'PASSWORD': 'hunter2-pw' 'oops' 3,\n    }\n}\n";
		const failure = await writeFileAtomically(executor, snapshot, broken, {asRoot: true, validate: 'python', now}).catch((error: unknown) => error);
		const error = failure as OperationError;
		expect(error.details.outputTail).toMatch(/SyntaxError/);
		expect(error.details.outputTail).toContain('PASSWORD');
		expect(error.details.outputTail).not.toContain('hunter2-pw');
	});

	it('shibd -t rejecting the new XML restores the original', async () => {
		const xml = path.join(dir, 'shibboleth2.xml');
		await writeFile(xml, '<SPConfig/>\n');
		const snapshot = await readRemoteFile(executor, xml, {asRoot: true});
		await expect(writeFileAtomically(executor, snapshot, '<SPConfig><Unclosed></SPConfig>\n', {asRoot: true, validate: 'shibd', now}))
			.rejects.toThrow(/failed the shibd check; the original was restored/);
		expect(await readFile(xml, 'utf8')).toBe('<SPConfig/>\n');
	});
});
