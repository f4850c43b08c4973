/**
 * The Ansible export (issue 11 item 4) on the staging namespace hosts (real sshd on each, a real Ganeti on
 * gnt1), one staging install and ONE export reused by every test, the playbook run by ansible-playbook from
 * the admin host over SSH: the export holds no secret and passes --syntax-check; --check passes and changes
 * nothing on any host (every file's sha256 and the real Ganeti's policy compared); the real run upgrades the
 * hosts and `sandbox verify` passes; a rerun reports changed=0 on every host. Fails, never skips.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {unsafeString} from '../../source/domain/ansible/yaml-scalar.js';
import {installStaging, type StagingTarget} from '../../source/sandbox/staging/install-staging.js';
import {repoRoot, setupStagingHosts} from '../helpers/staging.js';

const machines = {astakos: 'astakos', cyclades: 'cyclades', pithos: 'pithos', stats: 'stats', 'ganeti1-master': 'gnt1', 'ganeti2-master': 'gnt2'};
const staging = setupStagingHosts({names: Object.values(machines), ganeti: {gnt1: 'ganeti1'}});
const cli = ['node', `${repoRoot}dist/cli.js`];
const inAdmin = {env: {HOME: '/root', ANSIBLE_NOCOLOR: '1', ANSIBLE_FORCE_COLOR: '0'}, timeoutMs: 900_000};
const secretKeys = {pithosOauthSecret: 'snf_pithos_oauth_secret', vncPassword: 'snf_vnc_password', statsSecretKey: 'snf_stats_secret_key'};

/** The PLAY RECAP line of every host: [ok, changed, unreachable, failed]. */
function recaps(output: string): Record<string, number[]> {
	const lines = [...output.matchAll(/^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)/gm)];
	return Object.fromEntries(lines.map(match => [match[1]!, match.slice(2, 6).map(Number)]));
}

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

	/**
	 * Every file of the shared sandbox directory and of each host's /etc, /srv and /var/lib by sha256, and the real policy. Left out: Ganeti's
	 * own state, and the user databases and the test users' sudoers.d entries (test/helpers/ssh-users.ts), which the hosts see through from
	 * the machine's /etc (copy-on-write), where other tests add users while this one runs.
	 */
	const fingerprint = async () => {
		const {directory} = await exported();
		const hosts = staging();
		const sums = async (host: string, roots: string) => {
			const result = await hosts.exec(host, ['sh', '-c', `find ${roots} \\( -path /var/lib/ganeti -o -regex '/etc/\\(passwd\\|group\\|shadow\\|gshadow\\|subuid\\|subgid\\)-?' -o -path '/etc/sudoers.d/snf-test-*' \\) -prune -o -type f -print0 | sort -z | xargs -0 sha256sum`]);
			expect(result.exitCode, result.stderr).toBe(0);
			return result.stdout;
		};

		// The hosts read at once (each its own files), the sandbox directory and the real policy beside them.
		const [sandbox, policy, ...machineSums] = await Promise.all([
			sums('admin', directory),
			hosts.exec('gnt1', ['gnt-cluster', 'show-ispecs-cmd']),
			...Object.values(machines).map(async name => sums(name, '/etc /srv /var/lib')),
		]);
		expect(policy.exitCode, policy.stderr).toBe(0);
		return {sandbox, ...Object.fromEntries(Object.values(machines).map((name, index) => [name, machineSums[index]!])), 'gnt1 ipolicy': policy.stdout};
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

	it('passes --check and changes nothing on any host', async () => {
		const before = await fingerprint();
		const check = await playbook('--check');
		expect(check.exitCode, check.output.slice(-6000)).toBe(0);
		expect(Object.keys(recaps(check.output)).sort()).toEqual(Object.values(machines).sort());
		expect(Object.values(recaps(check.output)).map(([, , unreachable, failed]) => [unreachable, failed])).toEqual(Object.values(machines).map(() => [0, 0]));
		expect(await fingerprint()).toEqual(before);
	}, 900_000);

	it('upgrades the staging hosts, and sandbox verify passes', async () => {
		const {directory, values} = await exported();
		const run = await playbook();
		expect(run.exitCode, run.output.slice(-6000)).toBe(0);
		for (const value of Object.values(values)) {
			expect(run.output).not.toContain(value);
		}

		const verify = await staging().exec('admin', [...cli, 'sandbox', 'verify', directory], inAdmin);
		expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
		expect(verify.stdout).toMatch(/^PASS real Ganeti ipolicy of ganeti1\.test read from gnt1 \(root@gnt1\.test\) with gnt-cluster show-ispecs-cmd: min:\S*nic-count=0,\S*\/max:\S*nic-count=32,\S*$/m);
		expect(verify.stdout).toMatch(/^All \d+ checks passed\.$/m);
	}, 900_000);

	it('changes nothing when run again (changed=0 on every host)', async () => {
		const again = await playbook();
		expect(again.exitCode, again.output.slice(-6000)).toBe(0);
		expect(Object.values(recaps(again.output)).map(([, changed, , failed]) => [changed, failed])).toEqual(Object.values(machines).map(() => [0, 0]));
	}, 900_000);
});
