/**
 * The run-time edits of `plan --format ansible` (snf-upgrade ansible-edit on the controller), run by a real
 * ansible-playbook (local connection) on a sandbox. The export of 2.5–2.7 is made before the 2.5 install, which
 * rewrites /etc/default/vncauthproxy (as snf-vncauthproxy 1.5 does): the edit must be computed from the file as the
 * host has it when the step runs, not as exported. --check writes nothing and shows each edit as a masked diff; a
 * file the edit does not understand is refused and left as it is; the secrets reach the files and no output.
 */
import {createHash} from 'node:crypto';
import {mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {unsafeString} from '../../source/domain/ansible/yaml-scalar.js';
import {pythonValues} from '../domain/steps/plan-fixture.js';
import {ensureCliBuilt, filesUnder, runCli, runCollected} from './run-helpers.js';

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
		expect(run.output).toMatch(/shibboleth2\.xml on astakos is not in a state the edit understands \(No <ApplicationDefaults> element found[^)]*\): nothing written/);
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

	it('once the file is whole again, a rerun makes the refused edit and leaves the done ones alone', async () => {
		writeFileSync(shibboleth, shippedShibboleth);
		const again = await playbook();
		expect(again.code, again.output.slice(-4000)).toBe(0);
		expect(readFileSync(shibboleth, 'utf8')).toContain('REMOTE_USER="persistent-nameid persistent-id targeted-id"');
		expect(backups(defaults)).toHaveLength(1);
		expect(again.output).toMatch(/^cyclades\s+: ok=\d+\s+changed=0 /m);
	}, 300_000);
});
