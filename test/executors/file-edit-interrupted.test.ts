import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {OperationError} from '../../source/domain/errors.js';
import type {Host} from '../../source/domain/inventory-types.js';
import {readRemoteFile, writeFileAtomically} from '../../source/executors/file-edit.js';
import {pendingWritePath} from '../../source/executors/file-write-script.js';
import {createLocalExecutor} from '../../source/executors/local-executor.js';
import {holdProgram} from '../helpers/hold-command.js';
import {waitFor} from '../helpers/wait-for.js';

const now = new Date('2025-03-04T05:06:07.890Z');
const original = "ASTAKOS_BASE_URL = 'https://accounts.example.org/'\nSECRET_KEY = 'k'\n";
const newText = "ASTAKOS_AUTH_URL = 'https://accounts.example.org/identity/v2.0'\nSECRET_KEY = 'k'\n";

describe('a settings write stopped half-way is settled when the file is read again', () => {
	let dir: string;
	let file: string;
	let record: string;

	beforeEach(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'snf-interrupted-'));
		file = path.join(dir, 'etc', '20-snf-pithos-app-settings.conf');
		await mkdir(path.dirname(file));
		await writeFile(file, original, {mode: 0o640});
		record = pendingWritePath(file);
	});

	afterEach(async () => {
		await rm(dir, {recursive: true, force: true});
	});

	/** Starts a write whose script stops at `program` (when `condition` holds), then stops the write the way Ctrl+C does. */
	async function interruptWrite(program: string, condition: string): Promise<void> {
		const held = holdProgram(dir, program, condition);
		const host: Host = {id: 'local', label: 'local', sudo: false, target: {kind: 'local', root: '', env: {PATH: `${held.directory}:${process.env.PATH!}`}}};
		const executor = createLocalExecutor(host);
		const snapshot = await readRemoteFile(executor, file, {asRoot: true});
		const controller = new AbortController();
		const writing = writeFileAtomically(executor, snapshot, newText, {asRoot: true, validate: 'none', now, signal: controller.signal}).catch((error: unknown) => error);
		await waitFor(held.started, `the write script to reach ${program}`);
		controller.abort(new Error('SIGINT'));
		expect(await writing).toBeInstanceOf(OperationError);
		held.release();
		expect(existsSync(record)).toBe(true);
	}

	const executor = createLocalExecutor({id: 'local', label: 'local', sudo: false, target: {kind: 'local', root: '', env: {}}});

	it('stopped before the rename: the file is the original; the read removes the record and the write goes ahead', async () => {
		await interruptWrite('mktemp', `[ -e '${record}' ]`);
		expect(await readFile(file, 'utf8')).toBe(original);
		const snapshot = await readRemoteFile(executor, file, {asRoot: true});
		expect(snapshot.text).toBe(original);
		expect(existsSync(record)).toBe(false);
		await writeFileAtomically(executor, snapshot, newText, {asRoot: true, validate: 'none', now});
		expect(await readFile(file, 'utf8')).toBe(newText);
	});

	it('stopped after the rename: the file is the new content; the read removes the record', async () => {
		await interruptWrite('rm', `[ "$#" = 3 ] && [ "$3" = '${record}' ]`);
		expect(await readFile(file, 'utf8')).toBe(newText);
		const snapshot = await readRemoteFile(executor, file, {asRoot: true});
		expect(snapshot.text).toBe(newText);
		expect(existsSync(record)).toBe(false);
	});

	it('changed meanwhile into something else: the read refuses and names the backup that holds the original', async () => {
		await interruptWrite('mktemp', `[ -e '${record}' ]`);
		await writeFile(file, "SECRET_KEY = 'k'\n");
		const backup = `${file}.snf-upgrade-20250304T050607Z.bak`;
		const failure = await readRemoteFile(executor, file, {asRoot: true}).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(OperationError);
		expect((failure as OperationError).message).toMatch(/interrupted, and it is now neither the original nor the new content/);
		expect((failure as OperationError).details.hint).toContain(`the original is kept in ${backup}`);
		expect(await readFile(backup, 'utf8')).toBe(original);
		expect(existsSync(record)).toBe(true);
		expect((await readdir(path.dirname(file))).filter(name => /\.[A-Za-z\d]{6}$/.test(name))).toEqual([]);
	});
});
