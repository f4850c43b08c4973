import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {beforeAll, describe, expect, it} from 'vitest';
import {parseCli} from '../../source/cli-options.js';
import answers from '../../source/commands/answers.js';
import {answerSpecs} from '../../source/domain/answers-schema.js';
import {buildWhenStale} from '../helpers/build.js';
import {Capture} from '../helpers/capture.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function run(argv: string[]) {
	const cli = parseCli(argv);
	const stdout = new Capture();
	const stderr = new Capture();
	const [, ...input] = cli.input;
	const code = await answers({input, flags: cli.flags, stdout, stderr, env: {}});
	return {code, stdout: stdout.text, stderr: stderr.text};
}

interface Row {
	key: string;
	type: string;
	section: string;
	default: string | null;
	derived: string | null;
	secret: boolean;
	optional: boolean;
	description: string;
	choices: string[] | null;
}

function byKey(rows: Row[], key: string): Row {
	const row = rows.find(candidate => candidate.key === key);
	if (!row) {
		throw new Error(`no row ${key}`);
	}

	return row;
}

function checkRows(rows: Row[]) {
	expect(rows.map(row => row.key)).toEqual(answerSpecs.map(spec => spec.key));
	for (const row of rows) {
		expect(Object.keys(row)).toEqual(['key', 'type', 'section', 'default', 'derived', 'secret', 'optional', 'description', 'choices']);
	}

	expect(byKey(rows, 'astakosAuthUrl')).toMatchObject({type: 'url', section: 'auth-url', default: 'derived: base URL + identity/v2.0', derived: 'base URL + identity/v2.0', secret: false, optional: false});
	expect(byKey(rows, 'vncServerPort')).toMatchObject({type: 'integer', default: '24999', derived: null});
	expect(byKey(rows, 'backupDatabases').default).toBe('snf_apps,snf_pithos');
	expect(byKey(rows, 'vncPassword')).toMatchObject({type: 'secret', secret: true, default: null});
	expect(byKey(rows, 'sudoPassword')).toMatchObject({secret: true, optional: true});
	expect(byKey(rows, 'convertPublicIps').choices).toEqual(['none', 'all', 'pools']);
	expect(byKey(rows, 'astakosBaseUrl').choices).toBeNull();
}

describe('answers command handler', () => {
	it('--list --format json prints every key as a stable array', async () => {
		const result = await run(['answers', '--list', '--format', 'json']);
		expect(result).toMatchObject({code: 0, stderr: ''});
		checkRows(JSON.parse(result.stdout) as Row[]);
	});

	it('--list prints text grouped by section', async () => {
		const result = await run(['answers', '--list']);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('2.3 Configure the Astakos authentication URL (auth-url)\n');
		expect(result.stdout).toMatch(/^ {2}astakosAuthUrl +url +derived: base URL \+ identity\/v2\.0$/m);
		expect(result.stdout).toMatch(/^ {2}vncPassword +secret +generated when not given; secret$/m);
		expect(result.stdout).toMatch(/^ {2}astakosBaseUrl +url +required$/m);
		expect(result.stdout).toMatch(/^ {2}aptConffiles +choice +default: keep; one of 'keep', 'new'$/m);
		for (const spec of answerSpecs) {
			expect(result.stdout).toContain(spec.description);
		}
	});

	it.each([
		[['answers'], 'say what to do: --list'],
		[['answers', '--list', '--format', 'yaml'], '--format yaml is not available here (text or json)'],
		[['answers', 'extra', '--list'], "unexpected argument 'extra'"],
	])('%j exits 2 with a message', async (argv, message) => {
		const result = await run(argv);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain(message);
		expect(result.stderr).toContain('usage: snf-upgrade answers --list');
	});
});

const builtFrom = ['source/cli.tsx', 'source/cli-options.ts', 'source/commands/index.ts', 'source/commands/answers.ts', 'source/domain/answers-schema.ts', 'source/domain/answers'];

describe('answers through the built CLI', () => {
	const cli = path.join(root, 'dist/cli.js');

	beforeAll(() => {
		buildWhenStale('dist/commands/answers.js', builtFrom);
		expect(existsSync(path.join(root, 'dist/commands/answers.js'))).toBe(true);
	}, 120_000);

	it('node dist/cli.js answers --list --format json', async () => {
		const {stdout} = await promisify(execFile)(process.execPath, [cli, 'answers', '--list', '--format', 'json'], {cwd: root});
		checkRows(JSON.parse(stdout) as Row[]);
	});

	it('node dist/cli.js answers without --list exits 2', async () => {
		const error = await promisify(execFile)(process.execPath, [cli, 'answers'], {cwd: root}).then(() => undefined, (error_: unknown) => error_ as {code: number; stderr: string});
		expect(error?.code).toBe(2);
		expect(error?.stderr).toContain('--list');
	});
});
