import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureCliBuilt, filesUnder, runCli} from './run-helpers.js';

let parent: string;

beforeAll(() => {
	ensureCliBuilt();
	parent = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-run-journal-'));
});

afterAll(() => {
	fs.rmSync(parent, {recursive: true, force: true});
});

/** A fresh sandbox in parent/NAME (made again with --force when it exists); returns its answers file. */
async function sandboxAt(name: string): Promise<string> {
	const directory = path.join(parent, name);
	const created = await runCli(['sandbox', directory, ...(fs.existsSync(directory) ? ['--force'] : [])]);
	expect(created.code).toBe(0);
	return path.join(directory, 'answers.json');
}

const snapshot = (directory: string) => new Map(filesUnder(directory).map(file => [file, `${fs.statSync(file).mtimeMs}:${fs.readFileSync(file, 'utf8')}`]));

describe('the journal belongs to one deployment', () => {
	it('a sandbox made again with --force at the same path is refused with what to do; after status --reset it runs', async () => {
		const answers = await sandboxAt('again');
		const state = path.join(parent, 'again-state');
		const first = await runCli(['run', '--yes', '--only', 'services-down', '--answers', answers, '--state-dir', state]);
		expect(first.code).toBe(0);
		expect(first.stdout).toMatch(/: done$/m);

		await sandboxAt('again');
		const second = await runCli(['run', '--yes', '--only', 'services-down', '--answers', answers, '--state-dir', state]);
		expect(second.stderr).toMatch(/the journal .*\.json was written for another deployment: hosts are not the machines it recorded/);
		expect(second.stderr).toMatch(/^ {2}astakos: the journal knows machine [0-9a-f]{12}…, the host is now [0-9a-f]{12}…$/m);
		expect(second.stderr).toContain('snf-upgrade status --reset');
		expect(second.stdout).not.toMatch(/already done|: done$/m);
		expect(second.code).toBe(2);

		expect((await runCli(['status', '--reset', '--answers', answers, '--state-dir', state])).code).toBe(0);
		const third = await runCli(['run', '--yes', '--only', 'services-down', '--answers', answers, '--state-dir', state]);
		expect(third.code).toBe(0);
		expect(third.stdout).toMatch(/stop-services @ astakos: done$/m);
	}, 120_000);
});

describe('dry runs tell the truth', () => {
	it('touch no file of the state dir: a version 0 saved answers file is left byte for byte, no journal is made', async () => {
		const answers = await sandboxAt('dry');
		const state = path.join(parent, 'dry-state');
		fs.mkdirSync(state, {mode: 0o700});
		// What an older snf-upgrade kept: a plain answers document, which conf would migrate (rewrite) on open.
		fs.writeFileSync(path.join(state, 'answers.json'), JSON.stringify({version: 1, answers: {vncUser: 'synnefo-old'}}), {mode: 0o600});
		const before = snapshot(state);
		const result = await runCli(['run', '--yes', '--dry-run', '--answers', answers, '--state-dir', state]);
		expect(result.code).toBe(1);
		const after = snapshot(state);
		for (const [file, content] of before) {
			expect(after.get(file), file).toBe(content);
		}

		expect([...after.keys()].filter(file => !before.has(file)).map(file => path.relative(state, path.dirname(file)))).toEqual(['transcripts']);
	}, 120_000);

	it('a saved answers file of a newer schema is refused, never downgraded', async () => {
		const answers = await sandboxAt('newer');
		const state = path.join(parent, 'newer-state');
		fs.mkdirSync(state, {mode: 0o700});
		const newer = JSON.stringify({version: 1, answers: {}, generated: [], __internal__: {migrations: {version: '2.0.0'}}});
		fs.writeFileSync(path.join(state, 'answers.json'), newer, {mode: 0o600});
		for (const extra of [['--dry-run'], []]) {
			const result = await runCli(['run', '--yes', ...extra, '--answers', answers, '--state-dir', state]);
			expect(result.stderr).toContain('were written by a newer snf-upgrade (schema 2.0.0; this one knows 1.0.0)');
			expect(result.code).toBe(2);
		}

		expect(fs.readFileSync(path.join(state, 'answers.json'), 'utf8')).toBe(newer);
	}, 60_000);
});

describe('the admin\'s files are theirs', () => {
	it('a state dir whose saved answers would be the --answers file is refused, and the file is left alone', async () => {
		const answers = await sandboxAt('collide');
		const before = fs.readFileSync(answers, 'utf8');
		for (const extra of [['--dry-run'], []]) {
			const result = await runCli(['run', '--yes', ...extra, '--answers', answers, '--state-dir', path.dirname(answers)]);
			expect(result.stderr).toContain(`--answers ${answers} is the file where the state directory ${path.dirname(answers)} keeps its own saved answers: snf-upgrade would write over your file`);
			expect(result.code).toBe(2);
		}

		expect(fs.readFileSync(answers, 'utf8')).toBe(before);
		const link = path.join(parent, 'collide-link');
		fs.mkdirSync(link);
		fs.linkSync(answers, path.join(link, 'answers.json'));
		const linked = await runCli(['run', '--yes', '--answers', answers, '--state-dir', link]);
		expect(linked.code).toBe(2);
		expect(fs.readFileSync(answers, 'utf8')).toBe(before);
	}, 60_000);
});
