import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureCliBuilt, filesUnder, runCli} from './run-helpers.js';
import {sandboxContentHash} from './sandbox-hash.js';

let parent: string;
let sandbox: string;
let state: string;
let answers: string;
/** One canary per secret answer, with characters that shells, Python and URLs quote. */
const canaries = {
	pithosOauthSecret: "canary-oauth-'q\"-7f3a9c",
	vncPassword: 'canary-vnc-$(x)-5b2e1d',
	statsSecretKey: 'canary-stats-&%/+-9c4d0e',
	sudoPassword: 'canary-sudo-8e7f6a5b',
};
const canaryForms = Object.values(canaries).flatMap(value => [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]);
const outputs: string[] = [];

beforeAll(async () => {
	ensureCliBuilt();
	parent = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-run-'));
	sandbox = path.join(parent, 'sb');
	state = path.join(parent, 'state');
	const created = await runCli(['sandbox', sandbox]);
	expect(created.code).toBe(0);
	const document = JSON.parse(fs.readFileSync(path.join(sandbox, 'answers.json'), 'utf8')) as {answers: Record<string, unknown>};
	document.answers = {...document.answers, ...canaries};
	// sandbox verify reads the secrets from DIR/answers.json: the canaries go there.
	answers = path.join(sandbox, 'answers.json');
	fs.writeFileSync(answers, JSON.stringify(document), {mode: 0o600});
}, 360_000);

afterAll(() => {
	fs.rmSync(parent, {recursive: true, force: true});
});

describe('run --yes on the sandbox', () => {
	it('--dry-run runs only read-only commands, shows the changing ones, writes no journal, and exits 1 when a read-only check failed', async () => {
		const stateFile = path.join(sandbox, 'state.json');
		const before = fs.readFileSync(stateFile, 'utf8');
		const result = await runCli(['run', '--yes', '--dry-run', '--answers', answers, '--state-dir', state]);
		outputs.push(result.stdout, result.stderr);
		// Fresh 0.14 hosts: checks that need the earlier changes (check-webproject-version) fail; `run --dry-run && run` must stop.
		expect(result.stdout).toMatch(/^Dry run finished: [1-9]\d* failed \(.*\); a real run would stop at the first\.$/m);
		expect(result.stderr).toMatch(/^snf-upgrade: dry run: [1-9]\d* read-only checks? failed \(first: /m);
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(/^ {4}! printf '%s\\n' •••• \| python -c .* oauth2-client-add --secret --is-trusted --url \S+ -- pithos-view .*\(dry run: changes the host, not run\)$/m);
		expect(result.stdout).toMatch(/^ {4}! edit .*\(dry run: not written\)$/m);
		expect(fs.readFileSync(stateFile, 'utf8')).toBe(before);
		expect(fs.existsSync(path.join(state, 'journals'))).toBe(false);
		expect(fs.existsSync(path.join(state, 'answers.json'))).toBe(false);
	}, 360_000);

	it('runs the whole upgrade to the end, and sandbox verify passes', async () => {
		const result = await runCli(['run', '--yes', '--answers', answers, '--state-dir', state, '--save-secrets']);
		outputs.push(result.stdout, result.stderr);
		expect(result.stderr).not.toContain('FAILED');
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/\[2\.4 oauth\] oauth-client @ astakos: done\n/);
		// "Already done" on a fresh sandbox only where the condition holds when the step comes: section 0's node links on the
		// 3 Ganeti nodes; 2.1's version check right after the install on the 3 web hosts and the stats host, and the settings
		// kept on the 3 Ganeti nodes too; Astakos' gunicorn in section 5, started in 4.3.
		expect(result.stdout).toMatch(/^Finished \(\d+ ran, 11 already done, \d+ skipped, 0 failed\)\.$/m);
		expect(result.stdout.split('\n').filter(line => line.includes('already done:')).every(line => /(backend-network-config|check-webproject-version) @ |start-gunicorn @ astakos: /.test(line))).toBe(true);
		expect(result.stderr).toContain(`are saved in ${path.join(state, 'answers.json')} (mode 0600)`);
		const verify = await runCli(['sandbox', 'verify', sandbox]);
		expect(verify.stdout).not.toMatch(/FAIL/);
		expect(verify.code).toBe(0);
	}, 360_000);

	it('after the whole run check says DONE for every step on every host, and a rerun with a fresh journal changes nothing on any host', async () => {
		const before = sandboxContentHash(sandbox);
		const check = await runCli(['check', '--format', 'json', '--answers', answers, '--state-dir', path.join(parent, 'check-state')]);
		outputs.push(check.stdout, check.stderr);
		expect(check.code).toBe(0);
		const report = JSON.parse(check.stdout) as {steps: Array<{step: string; host: string; status: string; evidence: string}>};
		expect(report.steps.filter(row => row.status !== 'DONE' && row.status !== 'SKIPPED')).toEqual([]);
		// Skipped only where the sandbox's answers leave a step out (no disk template change, default visibility, no RRD migration).
		expect(report.steps.filter(row => row.status === 'SKIPPED').map(row => row.step).sort()).toEqual(['ganeti-disk-templates', 'resource-visibility', 'stats-rrd-migration']);
		expect(report.steps.filter(row => row.status === 'DONE').length).toBeGreaterThan(60);
		// No journal says anything is done here: every step is judged by its probes alone.
		const rerun = await runCli(['run', '--yes', '--answers', answers, '--state-dir', path.join(parent, 'fresh-state')]);
		outputs.push(rerun.stdout, rerun.stderr);
		expect(rerun.code).toBe(0);
		expect(rerun.stdout).not.toContain(': running');
		expect(rerun.stdout).not.toMatch(/^ {4}\$ /m);
		expect(rerun.stdout).toMatch(/^Nothing to do: every step is already done or does not apply \(0 ran, \d+ already done/m);
		expect(sandboxContentHash(sandbox)).toBe(before);
	}, 360_000);

	it('a second run (from the saved answers) does nothing and says so', async () => {
		const result = await runCli(['run', '--yes', '--state-dir', state]);
		outputs.push(result.stdout, result.stderr);
		expect(result.code).toBe(0);
		expect(result.stdout).not.toContain(': running');
		expect(result.stdout).not.toMatch(/^ {4}\$ /m);
		expect(result.stdout).toMatch(/^Nothing to do: every step is already done or does not apply \(0 ran, \d+ already done/m);
		const status = await runCli(['status', '--state-dir', state]);
		outputs.push(status.stdout, status.stderr);
		expect(status.stdout).toMatch(/\n\d+ done, \d+ skipped \(updated /);
		// The STATUS column (the evidence may say "gunicorn running").
		expect(status.stdout).not.toMatch(/^\S+ +\S+ +(failed|unknown|running) /m);
		const show = await runCli(['answers', '--show', '--state-dir', state]);
		outputs.push(show.stdout, show.stderr);
		expect(show.stdout).toMatch(/vncPassword +••••/);
	}, 360_000);

	it('never shows a secret: not in stdout, stderr, the journal, the transcripts or the plan; the saved answers holding them are 0600', async () => {
		for (const format of ['text', 'sh', 'json', 'md']) {
			const plan = await runCli(['plan', '--answers', answers, '--format', format]);
			expect(plan.code).toBe(0);
			outputs.push(plan.stdout, plan.stderr);
		}

		const stateFiles = filesUnder(state);
		const journals = stateFiles.filter(file => file.includes(`${path.sep}journals${path.sep}`));
		const transcripts = stateFiles.filter(file => file.includes(`${path.sep}transcripts${path.sep}`));
		// One journal: its snapshot and its log of records.
		expect(journals.filter(file => file.endsWith('.json')).length).toBe(1);
		expect(transcripts.length).toBe(3);
		const texts = [...outputs, ...[...journals, ...transcripts].map(file => fs.readFileSync(file, 'utf8'))];
		expect(texts.join('\n')).toContain('••••');
		for (const text of texts) {
			for (const form of canaryForms) {
				expect(text).not.toContain(form);
			}
		}

		const saved = path.join(state, 'answers.json');
		expect(fs.statSync(saved).mode & 0o777).toBe(0o600);
		expect(fs.readFileSync(saved, 'utf8')).toContain('canary-sudo-8e7f6a5b');
	}, 360_000);
});
