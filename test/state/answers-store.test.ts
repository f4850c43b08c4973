import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {InputError} from '../../source/domain/errors.js';
import {openAnswersStore, savedDocumentText} from '../../source/state/answers-store.js';

let directory: string;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-answers-'));
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('answers store', () => {
	it('has nothing saved in a fresh state dir, and creates no file by looking', () => {
		const store = openAnswersStore(directory);
		expect(store.load()).toBeUndefined();
		expect(fs.existsSync(store.path)).toBe(false);
	});

	it('saves and loads answers, inventory and the secrets choice, in a 0600 file', () => {
		const store = openAnswersStore(directory);
		store.save({answers: {vncUser: 'synnefo', vncPassword: 'hunter2'}, inventory: {astakos: 'local'}, saveSecrets: true, generated: ['statsSecretKey']});
		expect(store.path).toBe(path.join(directory, 'answers.json'));
		expect(mode(store.path)).toBe(0o600);
		const loaded = openAnswersStore(directory).load();
		expect(loaded).toEqual({answers: {vncUser: 'synnefo', vncPassword: 'hunter2'}, inventory: {astakos: 'local'}, saveSecrets: true, generated: ['statsSecretKey']});
		expect(JSON.parse(fs.readFileSync(store.path, 'utf8'))).toMatchObject({version: 1, __internal__: {migrations: {version: '1.0.0'}}});
	});

	it('creates a missing state directory (and its missing parents) as 0700, whatever the umask', () => {
		const stateDirectory = path.join(directory, 'config', 'snf-upgrade');
		const umask = process.umask(0o022);
		try {
			const store = openAnswersStore(stateDirectory);
			store.save({answers: {vncPassword: 'hunter2hunter2'}, saveSecrets: true, generated: []});
			expect(mode(stateDirectory)).toBe(0o700);
			expect(mode(path.dirname(stateDirectory))).toBe(0o700);
			expect(mode(store.path)).toBe(0o600);
		} finally {
			process.umask(umask);
		}
	});

	it('tightens the mode of an existing file to 0600', () => {
		const store = openAnswersStore(directory);
		store.save({answers: {}, generated: []});
		fs.chmodSync(store.path, 0o644);
		openAnswersStore(directory).load();
		expect(mode(store.path)).toBe(0o600);
	});

	it('migrates a version 0 file (a plain answers document, or keys at the top level) to version 1: in memory on load, on disk on save', () => {
		const file = path.join(directory, 'answers.json');
		const version0 = JSON.stringify({version: 1, inventory: {cyclades: 'local'}, answers: {vncUser: 'a'}});
		fs.writeFileSync(file, version0);
		const store = openAnswersStore(directory);
		const loaded = store.load()!;
		expect(loaded).toEqual({answers: {vncUser: 'a'}, inventory: {cyclades: 'local'}, generated: []});
		expect(fs.readFileSync(file, 'utf8')).toBe(version0);
		store.save(loaded);
		expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({__internal__: {migrations: {version: '1.0.0'}}, generated: []});

		fs.writeFileSync(file, JSON.stringify({vncUser: 'b', vncServerPort: 24_999}));
		expect(openAnswersStore(directory).load()).toEqual({answers: {vncUser: 'b', vncServerPort: 24_999}, generated: []});
	});

	it('a damaged file gives a clear error naming the file, keeps it, and says how to fix it', () => {
		const file = path.join(directory, 'answers.json');
		fs.writeFileSync(file, '{"answers": {"vncUser": ');
		const error = (() => {
			try {
				openAnswersStore(directory).load();
			} catch (caught) {
				return caught;
			}

			return undefined;
		})();
		expect(error).toBeInstanceOf(InputError);
		expect((error as InputError).message).toContain(`the saved answers ${file} are damaged: not valid JSON`);
		expect((error as InputError).hint).toContain(`mv ${file} ${file}.broken`);
		expect(fs.readFileSync(file, 'utf8')).toBe('{"answers": {"vncUser": ');
	});

	it('a file of the wrong shape is damaged too', () => {
		const file = path.join(directory, 'answers.json');
		fs.writeFileSync(file, JSON.stringify({version: 1, answers: [], generated: [], __internal__: {migrations: {version: '1.0.0'}}}));
		expect(() => openAnswersStore(directory).load()).toThrow(/saved answers .* are damaged: .*answers/);
	});

	it('a file of a newer schema is refused, by load and by save, and left exactly as it is (no silent downgrade)', () => {
		const file = path.join(directory, 'answers.json');
		const newer = JSON.stringify({version: 1, answers: {vncUser: 'a'}, generated: [], future: true, __internal__: {migrations: {version: '1.10.0'}}});
		fs.writeFileSync(file, newer);
		const store = openAnswersStore(directory);
		expect(() => store.load()).toThrow(/were written by a newer snf-upgrade \(schema 1\.10\.0; this one knows 1\.0\.0\)/);
		expect(() => store.save({answers: {}, generated: []})).toThrow(InputError);
		expect(fs.readFileSync(file, 'utf8')).toBe(newer);
	});

	it('gives the saved answers back as an answers document', () => {
		expect(JSON.parse(savedDocumentText({answers: {a: 1}, inventory: {x: 'local'}, generated: []}))).toEqual({version: 1, inventory: {x: 'local'}, answers: {a: 1}});
	});
});
