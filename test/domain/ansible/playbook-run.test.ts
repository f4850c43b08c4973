/**
 * The exported playbook run for real by ansible-playbook (local connection) on a small plan of hostile
 * values: commands get them byte for byte and never as templates, a secret reaches stdin and a prompt but
 * no file, and a rerun changes nothing (markers). Edits need snf-upgrade on the controller (ansible-edit
 * renders the real catalogue): test/e2e/ansible-edit-run.test.ts runs them.
 */
import {execFile} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, describe, expect, it} from 'vitest';
import {renderAnsible} from '../../../source/domain/ansible/render-ansible.js';
import {withSecretMarkers} from '../../../source/domain/ansible/secret-markers.js';
import {unsafeString} from '../../../source/domain/ansible/yaml-scalar.js';
import {resolveAnswers} from '../../../source/domain/answers/resolve-answers.js';
import type {Host, Inventory} from '../../../source/domain/inventory-types.js';
import {buildPlan} from '../../../source/domain/plan/build-plan.js';
import type {StepDefinition} from '../../../source/domain/plan-types.js';
import {readScript} from '../../../source/executors/file-edit.js';
import {argv, command, literal, promptRule} from '../../../source/domain/steps/builders.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const directory = mkdtempSync(path.join(process.env['TMPDIR'] ?? '/tmp', 'ansible-run-'));
const root = path.join(directory, 'host');
const exportDir = path.join(directory, 'export');
afterAll(() => (process.env["KEEP_ANSIBLE_TEST"] ? undefined : rmSync(directory, {recursive: true, force: true})));

const hostile = `{{ lookup('pipe', 'touch ${root}/pwned') }} {% raw %} $(touch ${root}/pwned2) \`id\` '"\\ \n\t é ✓ \u2028 %s`;
/** A printable-ASCII secret with everything a template or a quoting layer could take: it must arrive as typed. */
const secret = `s3cr3t {{ 7*7 }} {% if 1 %}x{% endif %} '"\\$(id)`;
const host: Host = {id: 'box', target: {kind: 'local', root, env: {}}, label: `local (${root})`, sudo: false};
const inventory: Inventory = {astakos: host, cyclades: host, pithos: host, vncauthproxy: host, db: host, ganeti: [{name: 'g', master: host, nodes: []}]};

const catalogue: StepDefinition[] = [
	{
		id: 'hostile-command', section: 'pre-upgrade', title: 't', why: 'w',
		actions: () => [command(host, argv('sh', '-c', 'printf %s "$1" > "$2"', 'sh', hostile, `${root}/argument`))],
	},
	{
		id: 'secret-stdin', section: 'services-down', title: 't', why: 'w',
		actions: ctx => [command(host, {pipeline: [{argv: ['sh', '-c', 'cat > "$1"', 'sh', `${root}/stdin`]}], stdin: ctx.secretArg('pithosOauthSecret')})],
	},
	{
		id: 'secret-prompt', section: 'vncauthproxy', title: 't', why: 'w',
		actions: ctx => [command(host, argv('sh', '-c', 'printf "Password: "; IFS= read -r p; printf %s "$p" > "$1"', 'sh', `${root}/typed`), {
			pty: true, prompts: [promptRule(literal('Password: '), ctx.secretArg('vncPassword'), 'the password')],
		})],
	},
];

const plan = buildPlan({answers: withSecretMarkers(resolveAnswers({})), inventory, catalogue, only: [], skip: []});
const exported = renderAnsible({
	plan, inventory, hosts: [host], hash: sha256, readScript, snfUpgradeArgv: ['false'],
});

async function playbook(...extra: string[]) {
	try {
		const {stdout} = await promisify(execFile)('ansible-playbook', ['-i', 'inventory.yml', 'playbook.yml', '-e', '@secrets.yml', ...extra], {cwd: exportDir, env: {...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'false'}, maxBuffer: 16 * 1024 * 1024});
		return {code: 0, stdout};
	} catch (error) {
		const failed = error as {code: number; stdout: string; stderr: string};
		return {code: failed.code, stdout: `${failed.stdout}${failed.stderr}`};
	}
}

/** What each "would run (check mode)" task reported (ok: it recorded the step for the later checks; skipping), in order. */
const wouldRun = (stdout: string) => [...stdout.matchAll(/^TASK \[\S+ (\S+): would run \(check mode\)\] \**\n(\w+): /gm)].map(match => `${match[1]!}: ${match[2]!}`);
const recap = (stdout: string) => /box\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)/.exec(stdout)!.slice(1).map(Number);

describe('the exported playbook, run by ansible-playbook', () => {
	it('runs every command with the exact values, the secrets from -e, nothing templated', async () => {
		await promisify(execFile)('mkdir', ['-p', `${root}/etc`, exportDir]);
		writeFileSync(path.join(exportDir, 'inventory.yml'), exported.inventory);
		writeFileSync(path.join(exportDir, 'playbook.yml'), exported.playbook);
		// As the README says: secrets given with -e are tagged !unsafe, else Ansible evaluates {{ }} in them.
		writeFileSync(path.join(exportDir, 'secrets.yml'), ['snf_pithos_oauth_secret', 'snf_vnc_password', 'snf_stats_secret_key'].map(name => `${name}: ${unsafeString(secret)}\n`).join(''));
		expect(exported.playbook).not.toContain(secret);
		const check = await playbook('--check');
		expect(check.code, check.stdout).toBe(0);
		expect(existsSync(`${root}/argument`)).toBe(false);
		// No marker yet: each step would run, recorded once (by the markers, on the controller).
		expect(wouldRun(check.stdout)).toEqual(['hostile-command: ok', 'secret-stdin: ok', 'secret-prompt: ok']);
		const run = await playbook();
		expect(run.code, run.stdout).toBe(0);
		expect(run.stdout).not.toContain(secret);
		expect(readFileSync(`${root}/argument`, 'utf8')).toBe(hostile);
		expect(readFileSync(`${root}/stdin`, 'utf8')).toBe(`${secret}\n`);
		expect(readFileSync(`${root}/typed`, 'utf8')).toBe(secret);
		expect(existsSync(`${root}/pwned`) || existsSync(`${root}/pwned2`)).toBe(false);
		// 3 commands and the marker of each of the 3 steps (none has a check).
		expect(recap(run.stdout)).toEqual([expect.any(Number), 6, 0, 0]);
	}, 240_000);

	it('changes nothing when run again', async () => {
		const again = await playbook();
		expect(again.code, again.stdout).toBe(0);
		expect(recap(again.stdout)[1]).toBe(0);
		const check = await playbook('--check');
		expect(check.code, check.stdout).toBe(0);
		// Every marker there: no step would run.
		expect(wouldRun(check.stdout)).toEqual(['hostile-command: skipping', 'secret-stdin: skipping', 'secret-prompt: skipping']);
	}, 240_000);
});
