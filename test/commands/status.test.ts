import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {parseCli} from '../../source/cli-options.js';
import answers from '../../source/commands/answers.js';
import status from '../../source/commands/status.js';
import {InputError} from '../../source/domain/errors.js';
import type {CommandHandler} from '../../source/commands/command.js';
import {openJournal} from '../../source/state/journal.js';
import {openAnswersStore} from '../../source/state/answers-store.js';
import {Capture} from '../helpers/capture.js';

let directory: string;
const state = () => path.join(directory, 'state');
const inventory = {astakos: 'local', cyclades: 'admin@cyclades.example.org:22', pithos: 'local', ganeti: [{name: 'g1', master: 'local'}]};
const labels = ['local', 'admin@cyclades.example.org:22'];

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-status-'));
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

async function cli(handler: CommandHandler, argv: string[]) {
	const parsed = parseCli([...argv, '--state-dir', state()]);
	const stdout = new Capture();
	const stderr = new Capture();
	try {
		const code = await handler({input: parsed.input.slice(1), flags: parsed.flags, stdout, stderr, env: {}});
		return {code, error: undefined, stdout: stdout.text};
	} catch (error) {
		return {code: error instanceof InputError ? 2 : -1, error: error as InputError, stdout: stdout.text};
	}
}

function saveInventory() {
	openAnswersStore(state()).save({answers: {vncUser: 'synnefo', vncPassword: 'hunter2hunter2', statsSecretKey: {fromEnv: 'STATS'}}, inventory, generated: ['vncPassword']});
}

describe('snf-upgrade status', () => {
	it('prints the journal of the saved deployment as a step × host table', async () => {
		saveInventory();
		const journal = openJournal(path.join(state(), 'journals'), labels, {now: () => new Date('2025-01-01T00:00:00Z')});
		journal.set('stop-gunicorn', 'local', {status: 'done', exitCode: 0, endedAt: '2025-01-01T00:00:00.000Z', detail: 'done'});
		journal.set('stop-gunicorn', 'cyclades.example.org', {status: 'failed', exitCode: 3, detail: 'service: exit code 3'});
		journal.set('backup', 'local', {status: 'unknown', detail: 'interrupted'});
		const result = await cli(status, ['status']);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe([
			`Journal ${journal.file}`,
			'STEP           HOST                  STATUS   EXIT  WHEN                      DETAIL',
			'stop-gunicorn  local                 done     0     2025-01-01T00:00:00.000Z  done',
			'stop-gunicorn  cyclades.example.org  failed   3                               service: exit code 3',
			'backup         local                 unknown                                  interrupted',
			'',
			'1 done, 1 failed, 1 unknown (updated 2025-01-01T00:00:00.000Z)',
			'',
		].join('\n'));
	});

	it('says when nothing has run, and --reset keeps the old journal as a backup', async () => {
		saveInventory();
		expect((await cli(status, ['status'])).stdout).toContain('No journal yet');
		const journal = openJournal(path.join(state(), 'journals'), labels);
		journal.set('a', 'local', {status: 'done'});
		const reset = await cli(status, ['status', '--reset']);
		expect(reset.stdout).toMatch(/^Started over: the old journal is kept as .*\.bak\.json\.\n$/);
		const backup = /kept as (.*)\.\n/.exec(reset.stdout)![1]!;
		expect(JSON.parse(fs.readFileSync(backup, 'utf8'))).toMatchObject({steps: {a: {local: {status: 'done'}}}});
		expect((await cli(status, ['status'])).stdout).toContain('No journal yet');
		expect((await cli(status, ['status', '--reset'])).stdout).toContain('Nothing to reset');
	});

	it('finds the deployment from --answers, or the only journal there is', async () => {
		const file = path.join(directory, 'answers.json');
		fs.writeFileSync(file, JSON.stringify({version: 1, inventory, answers: {vncPassword: {fromEnv: 'UNSET'}}}));
		openJournal(path.join(state(), 'journals'), labels).set('a', 'local', {status: 'done'});
		expect((await cli(status, ['status', '--answers', file])).stdout).toContain('1 done');
		expect((await cli(status, ['status'])).stdout).toContain('1 done');
	});

	it('a damaged journal gives an error naming the file and suggesting --reset; the file is kept', async () => {
		saveInventory();
		const file = openJournal(path.join(state(), 'journals'), labels).file;
		fs.mkdirSync(path.dirname(file), {recursive: true});
		fs.writeFileSync(file, '{"version": 1, "steps": [');
		const result = await cli(status, ['status']);
		expect(result.code).toBe(2);
		expect(result.error!.message).toContain(`the journal ${file} is damaged`);
		expect(result.error!.hint).toContain('snf-upgrade status --reset');
		expect(fs.readFileSync(file, 'utf8')).toBe('{"version": 1, "steps": [');
	});
});

describe('snf-upgrade answers --show', () => {
	it('prints the saved answers with secrets masked and references named', async () => {
		saveInventory();
		const result = await cli(answers, ['answers', '--show']);
		expect(result.code).toBe(0);
		expect(result.stdout).not.toContain('hunter2');
		expect(result.stdout).toContain(`Saved answers in ${path.join(state(), 'answers.json')} (mode 0600; inventory saved; given secrets are not kept here):`);
		expect(result.stdout).toMatch(/vncUser +"synnefo"\n/);
		expect(result.stdout).toMatch(/vncPassword +•••• {2}\(generated\)\n/);
		expect(result.stdout).toMatch(/statsSecretKey +from \$STATS\n/);
	});

	it('says when nothing is saved', async () => {
		expect((await cli(answers, ['answers', '--show'])).stdout).toContain('No saved answers');
	});
});
