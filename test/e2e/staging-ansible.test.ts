/**
 * The Ansible export (issue 11 item 4) on the staging namespace hosts (real sshd on each, a real Ganeti on
 * gnt1): one staging install, exported from the admin host with the hosts read now (the real Ganeti's policy
 * among them), no secret in any file, and `ansible-playbook --syntax-check` over the export. NOT here yet (see
 * the README's "Ansible export"): --check, the real run, `sandbox verify` after it and the rerun — they stop at
 * checks that cannot tell (--check, section 3) and at a file an earlier step changes (2.5). Fails, never skips.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {unsafeString} from '../../source/domain/ansible/yaml-scalar.js';
import {installStaging, type StagingTarget} from '../../source/sandbox/staging/install-staging.js';
import {repoRoot, setupStagingHosts} from '../helpers/staging.js';

const machines = {astakos: 'astakos', cyclades: 'cyclades', pithos: 'pithos', stats: 'stats', 'ganeti1-master': 'gnt1', 'ganeti2-master': 'gnt2'};
const staging = setupStagingHosts({names: Object.values(machines), ganeti: {gnt1: 'ganeti1'}});
const cli = ['node', `${repoRoot}dist/cli.js`];
const inAdmin = {env: {HOME: '/root', ANSIBLE_NOCOLOR: '1', ANSIBLE_FORCE_COLOR: '0'}, timeoutMs: 600_000};
const secretKeys = {pithosOauthSecret: 'snf_pithos_oauth_secret', vncPassword: 'snf_vnc_password', statsSecretKey: 'snf_stats_secret_key'};

describe('staging: plan --format ansible, run by ansible-playbook over SSH', () => {
	let installing: Promise<{directory: string; answers: string; out: string; secrets: string; values: Record<string, string>}> | undefined;
	const exported = async () => {
		installing ??= (async () => {
			const hosts = staging();
			if (!existsSync(`${repoRoot}dist/cli.js`)) {
				throw new Error('dist/ is not built: run `npm run build` first (npm test does)');
			}

			const targets: Record<string, StagingTarget> = Object.fromEntries(Object.entries(machines).map(([host, name]) => [host, {
				name, ssh: `root@${name}.test`, rootView: hosts.rootView(name), executor: hosts.executor(name),
			}]));
			const directory = `${hosts.hostsJson.state}/sandbox`;
			const staged = await installStaging(directory, {targets, realGaneti: ['ganeti1'], ipolicyDiskTemplates: {ganeti1: ['file', 'diskless', 'ext']}});
			const document = JSON.parse(readFileSync(staged.answersFile, 'utf8')) as {answers: Record<string, unknown>};
			const values = Object.fromEntries(Object.keys(secretKeys).map(key => [key, String(document.answers[key])]));
			// The secrets, as an admin gives them with -e: each tagged !unsafe (a vault file would hold the same).
			const secrets = `${hosts.hostsJson.state}/secrets.yml`;
			writeFileSync(secrets, Object.entries(secretKeys).map(([key, name]) => `${name}: ${unsafeString(values[key]!)}\n`).join(''), {mode: 0o600});
			const out = `${hosts.hostsJson.state}/ansible`;
			const result = await hosts.exec('admin', [...cli, 'plan', '--format', 'ansible', '--out', out, '--answers', staged.answersFile, '--state-dir', `${directory}-state`], inAdmin);
			if (result.exitCode !== 0) {
				throw new Error(`plan --format ansible failed (${result.exitCode}):\n${result.stdout}${result.stderr}`);
			}

			return {directory, answers: staged.answersFile, out, secrets, values};
		})();
		return installing;
	};

	const playbook = async (...extra: string[]) => {
		const {out, secrets} = await exported();
		// -e @secrets: how the run, --check and the rerun get the secrets without a terminal for vars_prompt.
		const result = await staging().exec('admin', ['ansible-playbook', 'playbook.yml', '-e', `@${secrets}`, ...extra], {...inAdmin, cwd: out});
		return {...result, output: `${result.stdout}${result.stderr}`};
	};

	it('exports an inventory by role and a playbook that hold no secret, and pass --syntax-check', async () => {
		const {out, values} = await exported();
		const inventory = readFileSync(`${out}/inventory.yml`, 'utf8');
		const text = readFileSync(`${out}/playbook.yml`, 'utf8');
		expect(inventory).toMatch(/^ {4}"?gnt1"?:\n {6}ansible_host: !unsafe "gnt1\.test"\n {6}ansible_user: !unsafe "root"$/m);
		expect(inventory).toContain('    ganeti_masters:\n');
		for (const value of Object.values(values)) {
			for (const file of ['inventory.yml', 'playbook.yml', 'snf-upgrade-export.json', 'ansible.cfg']) {
				expect(readFileSync(`${out}/${file}`, 'utf8'), file).not.toContain(value);
			}
		}

		// The real Ganeti's policy was read now: the bounds command carries its values, min nic-count 0.
		expect(text).toMatch(/gnt-cluster modify --ipolicy-bounds-specs min:\S*nic-count=0\S*\/max:\S*nic-count=32/);
		const syntax = await playbook('--syntax-check');
		expect(syntax.exitCode, syntax.output).toBe(0);
	}, 600_000);
});
