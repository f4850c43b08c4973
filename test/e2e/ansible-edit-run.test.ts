/**
 * The run-time edits of `plan --format ansible` (snf-upgrade ansible-edit on the controller), run by a real
 * ansible-playbook (local connection) on a sandbox. The export of 2.5–2.7 is made before the 2.5 install, which
 * rewrites /etc/default/vncauthproxy (as snf-vncauthproxy 1.5 does): the edit must be computed from the file as the
 * host has it when the step runs, not as exported. --check writes nothing and shows each edit as a masked diff; a
 * file the edit does not understand is refused (by the step's check, or by ansible-edit when it changed after the
 * check) and left as it is; the secrets reach the files and no output.
 */
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {unsafeString} from '../../source/domain/ansible/yaml-scalar.js';
import {pythonValues} from '../domain/steps/plan-fixture.js';
import {cli, ensureCliBuilt, filesUnder, runCli, runCollected} from './run-helpers.js';

const work = mkdtempSync(path.join(process.env['TMPDIR'] ?? '/tmp', 'ansible-edit-'));
const sandbox = path.join(work, 'sb');
const out = path.join(work, 'export');
const secretNames = {vncPassword: 'snf_vnc_password', statsSecretKey: 'snf_stats_secret_key', pithosOauthSecret: 'snf_pithos_oauth_secret'};
const defaults = path.join(sandbox, 'cyclades/etc/default/vncauthproxy');
const shibboleth = path.join(sandbox, 'astakos/etc/shibboleth/shibboleth2.xml');
const stats = path.join(sandbox, 'stats/etc/synnefo/20-snf-stats-app-settings.conf');
let secrets: Record<string, string> = {};
let exportedDefaults = '';
let shippedShibboleth = '';

afterAll(() => {
	rmSync(work, {recursive: true, force: true});
});

beforeAll(async () => {
	ensureCliBuilt();
	const made = await runCli(['sandbox', sandbox]);
	expect(made.code, made.stderr).toBe(0);
	const answers = path.join(sandbox, 'answers.json');
	const exported = await runCli(['plan', '--format', 'ansible', '--out', out, '--answers', answers, '--state-dir', path.join(work, 'state'), '--only', 'vncauthproxy', '--only', 'stats', '--only', 'shibboleth']);
	expect(exported.code, exported.stderr).toBe(0);
	const given = (JSON.parse(readFileSync(answers, 'utf8')) as {answers: Record<string, string>}).answers;
	secrets = Object.fromEntries(Object.keys(secretNames).map(key => [key, given[key]!]));
	writeFileSync(path.join(out, 'secrets.yml'), Object.entries(secretNames).map(([key, name]) => `${name}: ${unsafeString(secrets[key]!)}\n`).join(''), {mode: 0o600});
	exportedDefaults = readFileSync(defaults, 'utf8');
	shippedShibboleth = readFileSync(shibboleth, 'utf8');
}, 120_000);

async function playbook(...extra: string[]) {
	const result = await runCollected('ansible-playbook', ['-i', path.join(out, 'inventory.yml'), path.join(out, 'playbook.yml'), '-e', `@${path.join(out, 'secrets.yml')}`, ...extra], {
		ANSIBLE_CONFIG: path.join(out, 'ansible.cfg'), ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'false',
	});
	const output = `${result.stdout}${result.stderr}`;
	for (const value of Object.values(secrets)) {
		expect(output).not.toContain(value);
	}

	return {code: result.code, output};
}

const fingerprint = () => Object.fromEntries(filesUnder(sandbox).sort().map(file => [file, createHash('sha256').update(readFileSync(file)).digest('hex')]));
const backups = (file: string) => readdirSync(path.dirname(file)).filter(name => name.startsWith(`${path.basename(file)}.snf-upgrade-`) && name.endsWith('.bak'));

describe('plan --format ansible: edits computed when their step runs', () => {
	it('--check writes nothing on any host and shows each edit as a diff with the secrets masked', async () => {
		const before = fingerprint();
		const check = await playbook('--check');
		expect(check.code, check.output.slice(-4000)).toBe(0);
		expect(fingerprint()).toEqual(before);
		expect(check.output).toContain('20-snf-stats-app-settings.conf on stats: check mode: would write this change (secrets masked)');
		expect(check.output).toContain("+STATS_SECRET_KEY = '••••'");
	}, 300_000);

	it('edits the file as the host has it when the step runs, and refuses one the edit does not understand, writing nothing', async () => {
		writeFileSync(shibboleth, '<SPConfig/>\n');
		const run = await playbook();
		expect(run.code, run.output.slice(-4000)).not.toBe(0);
		expect(run.output).toContain('shibboleth-remote-user @ astakos: cannot tell whether it is done, and running it again is not safe: ApplicationDefaults has the planned REMOTE_USER: No <ApplicationDefaults> element found');
		expect(readFileSync(shibboleth, 'utf8')).toBe('<SPConfig/>\n');
		expect(backups(shibboleth)).toEqual([]);
		// 2.5 ran before: the install rewrote the defaults file after the export read it; the edit took the new one.
		const [backup, ...more] = backups(defaults);
		expect(more).toEqual([]);
		const installed = readFileSync(path.join(path.dirname(defaults), backup!), 'utf8');
		expect(installed).not.toBe(exportedDefaults);
		expect(installed).toContain('#CHUID="vncauthproxy:vncauthproxy"');
		expect(readFileSync(defaults, 'utf8')).toMatch(/^CHUID="vncauthproxy:vncauthproxy"$/m);
		expect(pythonValues(readFileSync(stats, 'utf8'), ['STATS_SECRET_KEY'])).toEqual({STATS_SECRET_KEY: secrets['statsSecretKey']});
	}, 300_000);

	it('ansible-edit refuses a file read after the check that the edit does not understand, or an interrupted write; in --check after a step that would run it is "later"', () => {
		const edit = (step: string, host: string, request: unknown) => spawnSync(process.execPath, [cli, 'ansible-edit', out, step, host, '0'], {input: JSON.stringify(request), encoding: 'utf8'});
		const outcome = (request: unknown) => {
			const result = edit('shibboleth-remote-user', 'astakos', request);
			expect(result.status, result.stderr).toBe(0);
			return JSON.parse(result.stdout) as {state: string; message: string; content?: string; command?: string};
		};

		// What the tool's read script prints: mode and owner, the target, the record of an interrupted write (or ''), the content.
		const read = (record: string, content: string) => ({rc: 0, stdout: `644 0 0\n${shibboleth}\n${record}\n${content}`, stderr: ''});
		expect(outcome({read: read('', '<SPConfig/>\n')})).toEqual({state: 'refused', message: `${shibboleth} on astakos is not in a state the edit understands (No <ApplicationDefaults> element found, so REMOTE_USER cannot be set.): nothing written`});
		expect(outcome({read: read('', '<SPConfig/>\n'), check_mode: true, pending: 'install-packages'})).toMatchObject({state: 'later', message: expect.stringContaining('nothing of install-packages (earlier) was made')});
		expect(outcome({read: read(`${'a'.repeat(64)} ${'b'.repeat(64)} ${shibboleth}.bak`, shippedShibboleth)})).toMatchObject({state: 'refused', message: expect.stringContaining('was being written by an earlier run that was interrupted')});
		expect(outcome({read: {rc: 1, stdout: '', stderr: 'not a regular file'}})).toMatchObject({state: 'refused', message: expect.stringContaining('cannot read')});
		const write = outcome({read: read('', shippedShibboleth)});
		expect(write.state).toBe('write');
		expect(Buffer.from(write.content!, 'base64').toString('utf8')).toContain('REMOTE_USER="persistent-nameid persistent-id targeted-id"');
		expect(write.command).toMatch(/^base64 -d \| sh -c '/);
		// A secret the edit writes must come on stdin: without it nothing is computed (never a generated one).
		const secretless = edit('stats-settings', 'stats', {read: {rc: 0, stdout: `644 0 0\n${stats}\n\n# stats\n`, stderr: ''}});
		expect(secretless.status).toBe(2);
		expect(secretless.stderr).toContain('the playbook gave no statsSecretKey');
	}, 60_000);

	it('once the file is whole again, a rerun makes the refused edit and leaves the done ones alone', async () => {
		writeFileSync(shibboleth, shippedShibboleth);
		const again = await playbook();
		expect(again.code, again.output.slice(-4000)).toBe(0);
		expect(readFileSync(shibboleth, 'utf8')).toContain('REMOTE_USER="persistent-nameid persistent-id targeted-id"');
		expect(backups(defaults)).toHaveLength(1);
		expect(again.output).toMatch(/^cyclades\s+: ok=\d+\s+changed=0 /m);
	}, 300_000);
});
