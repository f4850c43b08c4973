/**
 * The staging variant (issue 4, item 5): the sandbox installed onto network-namespace hosts (own hostname, IP,
 * private /etc /root /run /srv /usr /var, sshd on :22), settings at their real paths, a real Ganeti 3.0 cluster on
 * gnt1 (backend ganeti1) and the gnt-* shims on gnt2 (backend ganeti2). The built CLI runs inside the admin host:
 * `run --yes` over real SSH with known_hosts, then `sandbox verify`.
 * Fails (never skips) when the machine lacks the privileges: see assertPrivileges in test/helpers/staging.ts.
 */
import {existsSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {installStaging, type StagingTarget} from '../../source/sandbox/staging/install-staging.js';
import {repoRoot, setupStagingHosts} from '../helpers/staging.js';

const machines = {astakos: 'astakos', cyclades: 'cyclades', pithos: 'pithos', stats: 'stats', 'ganeti1-master': 'gnt1', 'ganeti2-master': 'gnt2'};
const staging = setupStagingHosts({names: Object.values(machines), ganeti: {gnt1: 'ganeti1'}});
const cli = ['node', `${repoRoot}dist/cli.js`];
const inAdmin = {env: {HOME: '/root'}, timeoutMs: 120_000};

describe('staging: the whole upgrade over SSH on namespace hosts with a real Ganeti', () => {
	/** Installs once, on first use: a failure (or missing privileges) fails every test with its reason. */
	let installing: Promise<{directory: string; answers: string}> | undefined;
	const installed = async () => {
		installing ??= (async () => {
			const hosts = staging();
			if (!existsSync(`${repoRoot}dist/cli.js`) || !existsSync(`${repoRoot}dist/sandbox/shim-main.cjs`)) {
				throw new Error('dist/ is not built: run `npm run build` first (npm test does)');
			}

			const targets: Record<string, StagingTarget> = Object.fromEntries(Object.entries(machines).map(([host, name]) => [host, {
				name, ssh: `root@${name}.test`, rootView: hosts.rootView(name), executor: hosts.executor(name),
			}]));
			const directory = `${hosts.hostsJson.state}/sandbox`;
			const staged = await installStaging(directory, {targets, realGaneti: ['ganeti1'], ipolicyDiskTemplates: {ganeti1: ['file', 'diskless', 'ext']}});
			return {directory, answers: staged.answersFile};
		})();
		return installing;
	};

	it('puts the 0.14.10 files at their real paths and the shims first on PATH, but not gnt-* on the real master', async () => {
		await installed();
		const hosts = staging();
		const cyclades = await hosts.exec('admin', ['ssh', '-o', 'BatchMode=yes', '-o', 'UpdateHostKeys=no', 'root@cyclades.test', 'grep -h ^ASTAKOS_BASE_URL /etc/synnefo/*.conf; command -v snf-manage']);
		expect(cyclades).toMatchObject({exitCode: 0, stdout: expect.stringMatching(/^ASTAKOS_BASE_URL = .*\n\/srv\/snf-sandbox\/bin\/snf-manage\n$/)});
		const gnt1 = await hosts.exec('admin', ['ssh', '-o', 'BatchMode=yes', '-o', 'UpdateHostKeys=no', 'root@gnt1.test', 'command -v gnt-cluster service; hostname']);
		expect(gnt1).toMatchObject({exitCode: 0, stdout: '/usr/sbin/gnt-cluster\n/srv/snf-sandbox/bin/service\ngnt1.test\n'});
		const gnt2 = await hosts.exec('admin', ['ssh', '-o', 'BatchMode=yes', '-o', 'UpdateHostKeys=no', 'root@gnt2.test', 'command -v gnt-cluster']);
		expect(gnt2).toMatchObject({exitCode: 0, stdout: '/srv/snf-sandbox/bin/gnt-cluster\n'});
		expect(existsSync('/etc/synnefo/20-snf-cyclades-app-api.conf')).toBe(false);
	}, 60_000);

	it('fails sandbox verify before the upgrade, showing the real ipolicy of gnt1', async () => {
		const {directory} = await installed();
		const verify = await staging().exec('admin', [...cli, 'sandbox', 'verify', directory], inAdmin);
		expect(verify.exitCode).toBe(1);
		expect(verify.stdout).toMatch(/^FAIL real Ganeti ipolicy of ganeti1\.test read from gnt1 \(root@gnt1\.test\) with gnt-cluster show-ispecs-cmd: min:\S*nic-count=1,\S*\/max:\S*nic-count=8,\S*: expected min nic-count=0 and max nic-count=32$/m);
		expect(verify.stdout).toMatch(/^FAIL ipolicy bounds of ganeti1\.test: min:nic-count=1, max:nic-count=8/m);
	}, 60_000);

	it('refuses to run when a host key is not in known_hosts (exit 3, nothing run)', async () => {
		const {directory, answers} = await installed();
		const hosts = staging();
		const home = `${hosts.hostsJson.state}/home-without-cyclades`;
		const copy = await hosts.exec('admin', ['sh', '-ec', `mkdir -p ${home}/.ssh; cp /root/.ssh/id_ed25519 ${home}/.ssh/; grep -v '^cyclades\\.test' ${hosts.hostsJson.knownHosts} > ${home}/.ssh/known_hosts`]);
		expect(copy.exitCode).toBe(0);
		const run = await hosts.exec('admin', [...cli, 'run', '--yes', '--answers', answers, '--state-dir', `${directory}-refused`], {...inAdmin, env: {HOME: home}});
		expect(run.exitCode).toBe(3);
		expect(run.stderr, run.stdout + run.stderr).toMatch(/preflight failed, nothing was run:\n {2}cyclades \(root@cyclades\.test\): Unknown host key for cyclades\.test: SHA256:\S+ \(ssh-ed25519\) is not in /);
	}, 60_000);

	it('runs every step with run --yes over SSH from the admin host', async () => {
		const {directory, answers} = await installed();
		const hosts = staging();
		const run = await hosts.exec('admin', [...cli, 'run', '--yes', '--answers', answers, '--state-dir', `${directory}-run`], inAdmin);
		expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
		const output = run.stdout + run.stderr;
		expect(output).toMatch(/^ +\$ gnt1\| gnt-cluster modify --ipolicy-bounds-specs min:\S*nic-count=0\S*\/max:\S*nic-count=32\S*$/m);
		expect(output).toMatch(/ganeti-disk-templates @ gnt1: running[^\n]*\n +\$ (?:gnt1\| )?gnt-cluster modify --ipolicy-disk-templates=file,diskless,ext\n/);
		expect(output).toMatch(/ganeti-disk-templates @ gnt1: done$/m);
		const real = await hosts.exec('gnt1', ['gnt-cluster', 'show-ispecs-cmd']);
		expect(real.stdout).toMatch(/--ipolicy-bounds-specs min:[^/]*nic-count=0[^/]*\/max:\S*nic-count=32\S* ganeti1\.test\n$/);
	}, 120_000);

	it('passes sandbox verify, with the ipolicy read from the real Ganeti on gnt1', async () => {
		const {directory} = await installed();
		const hosts = staging();
		const verify = await hosts.exec('admin', [...cli, 'sandbox', 'verify', directory], inAdmin);
		expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
		expect(verify.stdout).toMatch(/^PASS real Ganeti ipolicy of ganeti1\.test read from gnt1 \(root@gnt1\.test\) with gnt-cluster show-ispecs-cmd: min:\S*nic-count=0,\S*\/max:\S*nic-count=32,\S*$/m);
		expect(verify.stdout).toMatch(/^PASS real Ganeti allowed disk templates of backend ganeti1 read from gnt1 \(root@gnt1\.test\): (?:file|diskless|ext), (?:file|diskless|ext), (?:file|diskless|ext)$/m);
		expect(verify.stdout).toMatch(/^PASS ipolicy bounds of ganeti2\.synnefo\.test$/m);
		expect(verify.stdout).toMatch(/^All \d+ checks passed\.$/m);
	}, 60_000);
});
