import {execFile, execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parseCli} from '../../source/cli-options.js';
import plan from '../../source/commands/plan.js';
import {InputError} from '../../source/domain/errors.js';
import {canaries, exampleText, fixturePath, secretEnv} from '../domain/steps/plan-fixture.js';
import {buildWhenStale} from '../helpers/build.js';
import {Capture} from '../helpers/capture.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function run(argv: string[], env: NodeJS.ProcessEnv = secretEnv) {
	const cli = parseCli(argv);
	const stdout = new Capture();
	const stderr = new Capture();
	const [, ...input] = cli.input;
	const code = await plan({input, flags: cli.flags, stdout, stderr, env});
	return {code, stdout: stdout.text, stderr: stderr.text};
}

describe('plan command handler', () => {
	it('takes --out only with --format ansible, which needs it', async () => {
		await expect(run(['plan', '--answers', fixturePath, '--format', 'ansible'])).rejects.toThrow(/^plan --format ansible needs --out DIR/);
		await expect(run(['plan', '--answers', fixturePath, '--out', 'somewhere'])).rejects.toThrow(/^plan: --out is for --format ansible$/);
	});

	it('prints the text plan of an answers file, with its missing facts at the end', async () => {
		const result = await run(['plan', '--answers', fixturePath]);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain("set ASTAKOS_AUTH_URL = 'https://accounts.example.synnefo.org/identity/v2.0'");
		expect(result.stdout).toContain('Read from the hosts when the step runs');
		expect(result.stderr).toBe('');
	});

	it('keeps stdout a clean document for sh and json and names what is missing on stderr', async () => {
		const json = await run(['plan', '--answers', fixturePath, '--format', 'json']);
		expect(JSON.parse(json.stdout)).toMatchObject({version: 1});
		expect(json.stderr).toContain('ispecs:ganeti1');
		const sh = await run(['plan', '--answers', fixturePath, '--format', 'sh', '--only', '2.3']);
		execFileSync('/bin/sh', ['-n'], {input: sh.stdout});
		expect(sh.stdout).toContain('# ==== 2.3 Configure the Astakos authentication URL');
		expect(sh.stdout).not.toContain('# ==== 2.4');
		// Section 2.3 reads, when it runs, the files that set ASTAKOS_BASE_URL on Cyclades and Pithos and the
		// firewall tag overrides; nothing else is missing.
		expect(sh.stderr.trim().split('\n')).toEqual([
			'Read from the hosts when the step runs (shown as <name>): 3',
			expect.stringMatching(/^ {2}astakos-base-url-files:cyclades: the settings files that set ASTAKOS_BASE_URL: /),
			expect.stringMatching(/^ {2}astakos-base-url-files:pithos: the settings files that set ASTAKOS_BASE_URL: /),
			expect.stringMatching(/^ {2}firewall-tags: live firewall tag overrides in the Cyclades settings: /),
		]);
	});

	it('writes every secret in the sh plan as a variable the script refuses to run without', async () => {
		const sh = await run(['plan', '--answers', fixturePath, '--format', 'sh']);
		expect(sh.code).toBe(0);
		execFileSync('/bin/sh', ['-n'], {input: sh.stdout});
		expect(sh.stdout).not.toContain('••••');
		const header = sh.stdout.slice(0, sh.stdout.indexOf('set -eu'));
		expect(header).toMatch(/^# {2}SNF_PITHOS_OAUTH_SECRET: pithosOauthSecret, OAuth 2\.0 client secret of the Pithos view$/m);
		const reference = '"${SNF_PITHOS_OAUTH_SECRET:?set SNF_PITHOS_OAUTH_SECRET}"';
		const line = sh.stdout.split('\n').find(candidate => !candidate.startsWith('#') && candidate.includes(reference));
		expect(line).toMatch(/^printf '%s\\n' "\$\{SNF_PITHOS_OAUTH_SECRET:\?set SNF_PITHOS_OAUTH_SECRET\}" \| /);
		// The extract: the script's own `set -eu` and the stdin pipe's printf, run by the real /bin/sh.
		const extract = `set -eu\n${line!.slice(0, line!.indexOf(' | '))}\n`;
		const withoutValue = spawnSync('/bin/sh', ['-c', extract], {env: {PATH: process.env.PATH}, encoding: 'utf8'});
		expect(withoutValue.status).not.toBe(0);
		expect(withoutValue.stderr).toContain('SNF_PITHOS_OAUTH_SECRET: set SNF_PITHOS_OAUTH_SECRET');
		const withValue = spawnSync('/bin/sh', ['-c', extract], {env: {PATH: process.env.PATH, SNF_PITHOS_OAUTH_SECRET: 'it is given'}, encoding: 'utf8'});
		expect(withValue.status).toBe(0);
		expect(withValue.stdout).toBe('it is given\n');
	});

	it('keeps masking secrets with •••• in the text, md and json plans', async () => {
		for (const format of ['text', 'md', 'json']) {
			const result = await run(['plan', '--answers', fixturePath, '--format', format, '--only', '2.4']);
			expect(result.stdout, format).toContain('••••');
			expect(result.stdout, format).not.toContain('SNF_PITHOS_OAUTH_SECRET');
		}
	});

	it('warns on stderr about answers that contradict each other, and still renders', async () => {
		const result = await run(['plan', '--set', 'ipolicyMinNicCount=40', '--format', 'json']);
		expect(result.code).toBe(0);
		expect(result.stderr).toContain('warning: ipolicyMinNicCount (40) is greater than ipolicyMaxNicCount (32)');
		expect(JSON.parse(result.stdout)).toHaveProperty('sections');
	});

	it('renders without answers, with placeholder hosts, and applies --set', async () => {
		const result = await run(['plan', '--set', 'astakosBaseUrl=https://id.example.org/', '--only', 'auth-url'], {});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain("edit /etc/synnefo/20-snf-cyclades-app-api.conf  [root] (checked: python)\n      - comment out ASTAKOS_BASE_URL\n      - set ASTAKOS_AUTH_URL = 'https://id.example.org/identity/v2.0'");
		expect(result.stdout).toContain('on <cyclades host>:');
		expect(result.stderr).toContain('no inventory given');
	});

	it.each([
		[['plan', '--format', 'yaml'], /unknown --format 'yaml'/],
		[['plan', '--only', '9.9'], /--only: unknown section '9\.9'/],
		[['plan', 'extra'], /unexpected argument 'extra'/],
		[['plan', '--answers', '/nonexistent/answers.json'], /cannot read the answers file \/nonexistent\/answers\.json: no such file/],
		[['plan', '--set', 'nope=1'], /nope/],
	])('%j is an input error', async (argv, message) => {
		await expect(run(argv)).rejects.toThrow(InputError);
		await expect(run(argv)).rejects.toThrow(message);
	});
});

const builtFrom = [
	'source/cli.tsx', 'source/commands/index.ts', 'source/commands/plan.ts',
	'source/domain/steps', 'source/domain/plan', 'source/domain/answers', 'source/domain/inventory', 'source/domain/parsers', 'source/domain/transforms',
];

describe('plan through the built CLI', () => {
	const cli = path.join(root, 'dist/cli.js');
	let scratch: string;

	beforeAll(() => {
		scratch = mkdtempSync(path.join(tmpdir(), 'snf-plan-'));
		buildWhenStale('dist/commands/plan.js', builtFrom);
	}, 120_000);

	afterAll(() => {
		rmSync(scratch, {recursive: true, force: true});
	});

	const spawn = async (args: string[]) => {
		try {
			const {stdout, stderr} = await promisify(execFile)(process.execPath, [cli, ...args], {env: {...process.env, ...secretEnv}});
			return {code: 0, stdout, stderr};
		} catch (error) {
			const failed = error as {code: number; stdout: string; stderr: string};
			return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr};
		}
	};

	it('prints the example plan in every format with exit 0 and never a secret', async () => {
		for (const format of ['json', 'sh', 'text', 'md']) {
			const result = await spawn(['plan', '--answers', fixturePath, '--format', format]);
			expect(result.code, result.stderr).toBe(0);
			for (const canary of canaries) {
				expect(result.stdout + result.stderr).not.toContain(canary);
			}

			if (format === 'json') {
				const document = JSON.parse(result.stdout) as {version: number; sections: unknown[]};
				expect(document.version).toBe(1);
				expect(document.sections).toHaveLength(14);
			}

			if (format === 'sh') {
				execFileSync('/bin/sh', ['-n'], {input: result.stdout});
				expect(result.stdout).toContain('https://accounts.example.synnefo.org/identity/v2.0');
			}
		}
	});

	const broken = (name: string, change: (document: {answers: Record<string, unknown>}) => void): string => {
		const document = JSON.parse(exampleText()) as {answers: Record<string, unknown>};
		change(document);
		const file = path.join(scratch, `${name}.json`);
		writeFileSync(file, JSON.stringify(document, null, '\t'));
		return file;
	};

	it.each([
		['invalid JSON', () => {
			const file = path.join(scratch, 'invalid.json');
			writeFileSync(file, exampleText().replace('"quotaFloatingIp": "2",', '"quotaFloatingIp": "2"'));
			return file;
		}, /invalid JSON at line \d+/],
		['an unknown key', () => broken('unknown', document => {
			document.answers['astakosBaseURL'] = 'https://accounts.example.synnefo.org/';
		}), /answers\.astakosBaseURL/],
		['a negative quota', () => broken('negative', document => {
			document.answers['quotaFloatingIp'] = '-2';
		}), /answers\.quotaFloatingIp/],
		['an invalid URL', () => broken('url', document => {
			document.answers['pithosBaseUrl'] = 'storage.example.synnefo.org/pithos';
		}), /answers\.pithosBaseUrl/],
		['a wrong type', () => broken('type', document => {
			document.answers['shibbolethEnabled'] = 'maybe';
		}), /answers\.shibbolethEnabled/],
	])('exits 2 with one message and no stack for %s', async (_name, make, message) => {
		const result = await spawn(['plan', '--answers', make()]);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(/^snf-upgrade: /);
		expect(result.stderr).toMatch(message);
		expect(result.stderr).not.toMatch(/^\s+at /m);
		expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
	});
});
