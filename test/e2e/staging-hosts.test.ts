/**
 * The staging hosts themselves: named network-namespace hosts reached over real SSH with known_hosts checks,
 * private /etc per host, PATH from /root/.ssh/environment, and a real Ganeti 3.0 cluster on gnt1.
 * Fails (never skips) when the machine lacks the privileges: see assertPrivileges in test/helpers/staging.ts.
 */
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import process from 'node:process';
import {describe, expect, it} from 'vitest';
import {testHostsScript, setupStagingHosts} from '../helpers/staging.js';

const names = ['astakos', 'cyclades', 'gnt1'];
const staging = setupStagingHosts({names, ganeti: {gnt1: 'ganeti1'}});

/**
 * Runs inside the admin host: one ssh2 connection to argv[1] as root, host key checked against the known_hosts
 * line of argv[2] (the host itself, or another host to prove a wrong key is refused), then the command argv[3].
 */
const sshProbe = `
import {readFileSync} from 'node:fs';
import ssh2 from 'ssh2';
const [host, keyOf, command, keyFile, knownHostsFile] = process.argv.slice(1);
const line = readFileSync(knownHostsFile, 'utf8').split('\\n').find(l => l.split(' ')[0].split(',').includes(keyOf));
const expected = Buffer.from(line.split(' ')[2], 'base64');
const client = new ssh2.Client();
const done = result => { client.end(); process.stdout.write(JSON.stringify(result)); };
client.on('ready', () => {
	client.setNoDelay(true);
	client.exec(command, (error, stream) => {
		if (error) return done({error: error.message});
		let out = '', err = '', code = null;
		stream.on('data', d => { out += d; });
		stream.stderr.on('data', d => { err += d; });
		stream.on('exit', c => { code = c; });
		stream.on('close', () => done({out, err, code}));
	});
}).on('error', error => done({error: error.message}))
	.connect({host, port: 22, username: 'root', privateKey: readFileSync(keyFile), readyTimeout: 10000,
		hostVerifier: key => key.equals(expected)});
`;

interface ProbeResult {
	readonly out?: string;
	readonly err?: string;
	readonly code?: number;
	readonly error?: string;
}

async function sshFromAdmin(host: string, command: string, keyOf = host): Promise<ProbeResult> {
	const hosts = staging();
	const result = await hosts.exec('admin', [
		'node', '--input-type=module', '-e', sshProbe, host, keyOf, command, hosts.clientKey, hosts.hostsJson.knownHosts,
	]);
	expect(result.stderr).toBe('');
	return JSON.parse(result.stdout) as ProbeResult;
}

describe('staging hosts (network namespaces, real sshd, real Ganeti)', () => {
	it('reaches every host by name over SSH, host key checked against known_hosts', async () => {
		for (const name of names) {
			expect(await sshFromAdmin(`${name}.test`, 'hostname; cat /etc/hostname')).toEqual({
				out: `${name}.test\n${name}.test\n`, err: '', code: 0,
			});
		}
	});

	it('refuses a host whose key does not match known_hosts', async () => {
		const result = await sshFromAdmin('astakos.test', 'true', 'cyclades.test');
		expect(result.error).toMatch(/Host denied/);
	});

	it('gives each host a private /etc and /usr and takes PATH from /root/.ssh/environment', async () => {
		const hosts = staging();
		const write = await hosts.exec('astakos', ['sh', '-c',
			'mkdir -p /etc/synnefo /srv/snf-sandbox/bin /usr/lib/synnefo/tools && echo "X = 1" > /etc/synnefo/marker.conf'
			+ ' && touch /usr/lib/synnefo/tools/.staging-marker'
			+ ' && printf "#!/bin/sh\\necho shim-on-$(hostname)\\n" > /srv/snf-sandbox/bin/snf-manage'
			+ ' && chmod 755 /srv/snf-sandbox/bin/snf-manage'
			+ ' && echo PATH=/srv/snf-sandbox/bin:/usr/sbin:/usr/bin:/sbin:/bin > /root/.ssh/environment']);
		expect(write.exitCode).toBe(0);
		expect(await sshFromAdmin('astakos.test', 'cat /etc/synnefo/marker.conf; snf-manage')).toMatchObject({
			out: 'X = 1\nshim-on-astakos.test\n', code: 0,
		});
		expect(await sshFromAdmin('cyclades.test', 'test ! -e /etc/synnefo && test ! -e /srv/snf-sandbox && test ! -e /usr/lib/synnefo/tools/.staging-marker && ! command -v snf-manage')).toMatchObject({
			out: '', code: 0,
		});
		expect(existsSync('/etc/synnefo/marker.conf')).toBe(false);
		expect(existsSync('/usr/lib/synnefo/tools/.staging-marker')).toBe(false);
		expect((await hosts.exec('admin', ['test', '-e', '/etc/synnefo/marker.conf'])).exitCode).toBe(1);
	});

	it('runs a real Ganeti 3.0 cluster on gnt1 that prints its ipolicy as one line', async () => {
		const result = await sshFromAdmin('gnt1.test', 'gnt-cluster show-ispecs-cmd');
		expect(result.code).toBe(0);
		const lines = (result.out ?? '').trimEnd().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^gnt-cluster init --ipolicy-std-specs \S+ --ipolicy-bounds-specs min:\S*nic-count=1\S*\/max:\S*nic-count=8\S* ganeti1\.test$/);
		const info = await sshFromAdmin('gnt1.test', 'gnt-cluster info');
		expect(info.out).toMatch(/^Cluster name: ganeti1\.test$/m);
		expect(info.out).toMatch(/^Master node: gnt1\.test$/m);
		expect(info.out).toMatch(/^\s*Default hypervisor: fake$/m);
	});

	it('names the missing privilege when "root" lacks the capabilities (user namespace root)', () => {
		const result = spawnSync('unshare', ['--user', '--map-root-user', 'bash', testHostsScript, 'check'], {
			encoding: 'utf8', env: {...process.env, REALHOSTS_NS_PREFIX: 'snfprobe-'},
		});
		expect(result.status).toBe(1);
		expect(result.stdout).toMatch(/'ip netns add' fails \(needs CAP_SYS_ADMIN \+ CAP_NET_ADMIN\)/);
	});
});
