import {execFileSync} from 'node:child_process';
import {chmod, chown, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Host} from '../../source/domain/inventory-types.js';
import {readRemoteFile, writeFileAtomically} from '../../source/executors/file-edit.js';
import {createLocalExecutor} from '../../source/executors/local-executor.js';

const host: Host = {id: 'local', label: 'local', sudo: false, target: {kind: 'local', root: '', env: {}}};
const executor = createLocalExecutor(host);
const nobody = Number(execFileSync('id', ['-u', 'nobody'], {encoding: 'utf8'}).trim());
const nogroup = Number(execFileSync('id', ['-g', 'nobody'], {encoding: 'utf8'}).trim());
const now = new Date('2025-03-04T05:06:07.890Z');
const original = "SECRET_KEY = 'k'\nASTAKOS_BASE_URL = 'https://accounts.example.org/'\n";

async function modeAndOwner(file: string) {
	const info = await stat(file);
	return {mode: info.mode & 0o7777, uid: info.uid, gid: info.gid};
}

describe('a settings file that is a symlink (configuration management): the target is edited, the link kept', () => {
	let dir: string;
	let link: string;
	let target: string;

	beforeEach(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'snf-links-'));
		await mkdir(path.join(dir, 'etc'));
		await mkdir(path.join(dir, 'managed'));
		target = path.join(dir, 'managed', '20-snf-cyclades-app-api.conf');
		link = path.join(dir, 'etc', '20-snf-cyclades-app-api.conf');
		await writeFile(target, original);
		await chown(target, nobody, nogroup);
		await chmod(target, 0o640);
		// Relative, as `ln -s ../managed/…` makes it.
		await symlink('../managed/20-snf-cyclades-app-api.conf', link);
	});

	afterEach(async () => {
		await rm(dir, {recursive: true, force: true});
	});

	it('reads the target\'s mode and owner (not the link\'s 0777) and writes the target in its own directory', async () => {
		const snapshot = await readRemoteFile(executor, link, {asRoot: true});
		expect(snapshot).toMatchObject({path: link, target, mode: 0o640, uid: nobody, gid: nogroup, text: original});
		const {backupPath} = await writeFileAtomically(executor, snapshot, 'SECRET_KEY = \'k\'\n', {asRoot: true, validate: 'python', now});

		expect((await lstat(link)).isSymbolicLink()).toBe(true);
		expect(await readlink(link)).toBe('../managed/20-snf-cyclades-app-api.conf');
		expect(await readFile(target, 'utf8')).toBe('SECRET_KEY = \'k\'\n');
		expect(await modeAndOwner(target)).toEqual({mode: 0o640, uid: nobody, gid: nogroup});
		expect(backupPath).toBe(`${target}.snf-upgrade-20250304T050607Z.bak`);
		expect(await readFile(backupPath!, 'utf8')).toBe(original);
		expect(await modeAndOwner(backupPath!)).toEqual({mode: 0o640, uid: nobody, gid: nogroup});
		expect(await readdir(path.join(dir, 'etc'))).toEqual(['20-snf-cyclades-app-api.conf']);
		expect((await readdir(path.join(dir, 'managed'))).sort()).toEqual([path.basename(target), path.basename(backupPath!)].sort());
	});

	it('refuses when the link was pointed elsewhere between read and write; nothing written', async () => {
		const snapshot = await readRemoteFile(executor, link, {asRoot: true});
		const other = path.join(dir, 'managed', 'other.conf');
		await writeFile(other, original);
		await rm(link);
		await symlink(other, link);
		await expect(writeFileAtomically(executor, snapshot, 'X = 1\n', {asRoot: true, validate: 'python', now})).rejects.toThrow(/changed since it was read/);
		expect(await readFile(target, 'utf8')).toBe(original);
		expect(await readFile(other, 'utf8')).toBe(original);
	});

	it('a dangling link cannot be read', async () => {
		await rm(target);
		await expect(readRemoteFile(executor, link, {asRoot: true})).rejects.toThrow(/Cannot read .*20-snf-cyclades-app-api\.conf/);
	});
});
