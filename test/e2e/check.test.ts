import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureCliBuilt, runCli} from './run-helpers.js';

interface Report {
	exitCode: number;
	preflight: Array<{check: string; host: string; status: string; evidence: string}>;
	steps: Array<{step: string; host: string; status: string; evidence: string}>;
}

let parent: string;
beforeAll(() => {
	ensureCliBuilt();
	parent = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-check-'));
}, 120_000);
afterAll(() => {
	fs.rmSync(parent, {recursive: true, force: true});
});

async function freshSandbox(name: string) {
	const sandbox = path.join(parent, name);
	expect((await runCli(['sandbox', sandbox])).code).toBe(0);
	return {sandbox, answers: path.join(sandbox, 'answers.json'), state: path.join(parent, `${name}-state`)};
}

describe('snf-upgrade check', () => {
	it('a fresh 0.14.10 sandbox passes the preflight (exit 0), its steps to do; --format json says the same; nothing changes', async () => {
		const {sandbox, answers, state} = await freshSandbox('fresh');
		const before = fs.readFileSync(path.join(sandbox, 'state.json'), 'utf8');
		const text = await runCli(['check', '--answers', answers, '--state-dir', state]);
		expect(text.stderr).toBe('');
		expect(text.code).toBe(0);
		expect(text.stdout).toMatch(/^Preflight\n {2}PASS {2}reachable, known host key +astakos +local /);
		expect(text.stdout).toMatch(/^ {2}PASS +settings compile +cyclades +7 files run with Python \d/m);
		expect(text.stdout).toMatch(/^ {2}TO DO +unique-nic-names +cyclades +/m);
		expect(text.stdout).toMatch(/^No preflight check failed: /m);
		const json = await runCli(['check', '--format', 'json', '--answers', answers, '--state-dir', state]);
		expect(json.code).toBe(0);
		const report = JSON.parse(json.stdout) as Report;
		expect(report.exitCode).toBe(0);
		expect(report.preflight.filter(row => row.status === 'FAIL')).toEqual([]);
		expect(report.preflight.map(row => row.check)).toEqual(expect.arrayContaining(['reachable, known host key', 'root or sudo -n', 'Synnefo 0.14.x', 'Ganeti ≥ 2.8', 'settings compile', 'snf-webproject = snf-common', 'stats settings file name', "':0:' firewall tag overrides", 'GANETI_MAX_NICS_PER_INSTANCE within the policy', 'no offline backend', 'free space for the backups', 'answers agree with the hosts']));
		expect(report.steps.find(row => row.step === 'install-packages' && row.host === 'astakos')?.status).toBe('TO DO');
		expect(fs.readFileSync(path.join(sandbox, 'state.json'), 'utf8')).toBe(before);
	}, 120_000);

	it('a syntax error in a settings file: exit 1, naming the file and the line', async () => {
		const {sandbox, answers, state} = await freshSandbox('broken');
		const file = path.join(sandbox, 'pithos/etc/synnefo/99-local.conf');
		fs.writeFileSync(file, 'A = 1\nPITHOS_X = (\n');
		const result = await runCli(['check', '--answers', answers, '--state-dir', state]);
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(new RegExp(`^ {2}FAIL +settings compile +pithos +SyntaxError: .* in ${file.replaceAll(/[.*+?^${}()|[\]\\/]/g, String.raw`\$&`)} line 2$`, 'm'));
		expect(result.stdout).toMatch(/^Preflight FAILED: /m);
	}, 120_000);

	it('an answer that differs from ASTAKOS_BASE_URL in force: exit 1, naming both values and where each came from', async () => {
		const {sandbox, answers, state} = await freshSandbox('differs');
		const document = JSON.parse(fs.readFileSync(answers, 'utf8')) as {answers: Record<string, unknown>};
		document.answers['astakosBaseUrl'] = 'https://wrong.synnefo.test/';
		document.answers['shibbolethEnabled'] = false;
		fs.writeFileSync(answers, JSON.stringify(document));
		const result = await runCli(['check', '--format', 'json', '--answers', answers, '--state-dir', state]);
		expect(result.code).toBe(1);
		const report = JSON.parse(result.stdout) as Report;
		expect(report.preflight).toContainEqual({check: 'answers agree with the hosts', host: 'cyclades', status: 'FAIL', evidence: `astakosBaseUrl: your answer is 'https://wrong.synnefo.test/' (answers file, saved answers or --set) but ASTAKOS_BASE_URL in force on cyclades, set in ${path.join(sandbox, 'cyclades/etc/synnefo/20-snf-cyclades-app-api.conf')} says 'https://accounts.synnefo.test/astakos/'`});
		expect(report.preflight).toContainEqual(expect.objectContaining({check: 'answers agree with the hosts', host: 'pithos', status: 'FAIL'}));
		// shibbolethEnabled against ASTAKOS_IM_MODULES is a warning, not a failure (item 6).
		expect(report.preflight).toContainEqual(expect.objectContaining({host: 'astakos', status: 'WARN', evidence: expect.stringContaining("shibbolethEnabled: your answer is false") as unknown}));
	}, 120_000);
});
