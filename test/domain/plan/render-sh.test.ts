import {execFileSync, spawnSync} from 'node:child_process';
import {chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {describe, expect, it} from 'vitest';
import type {CommandAction} from '../../../source/domain/action-types.js';
import {resolveAnswers} from '../../../source/domain/answers/resolve-answers.js';
import {placeholderInventory} from '../../../source/domain/inventory/placeholder-inventory.js';
import {buildPlan} from '../../../source/domain/plan/build-plan.js';
import {renderSh, shLine} from '../../../source/domain/plan/render-sh.js';
import {renderPipeline, shellQuote, shellStdin} from '../../../source/domain/shell-quote.js';
import {examplePlan, secretEnv} from '../steps/plan-fixture.js';

const ispecs = 'gnt-cluster init --ipolicy-std-specs cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1 --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=8,spindle-use=12 cluster.test\n';
const facts = {
	'public-networks': '[{"id": "1", "name": "public1", "backends": "[1]"}]',
	backends: '[{"id": "1"}, {"id": "2"}]',
	'ispecs:ganeti1': ispecs,
	'ispecs:ganeti2': ispecs,
	'groups:ganeti1': readFileSync(new URL('../../fixtures/parsers/gnt-group-info-default.txt', import.meta.url), 'utf8'),
	'groups:ganeti2': readFileSync(new URL('../../fixtures/parsers/gnt-group-info-default.txt', import.meta.url), 'utf8'),
};

/** Every command of the runbook (with the example's derived values), in the runbook's order. */
const runbookOrder = [
	'/usr/lib/synnefo/tools/add_unique_name_to_nics',
	'gnt-cluster modify --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=0,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=32,spindle-use=12',
	'gnt-cluster modify --ipolicy-disk-templates=ext',
	'service gunicorn stop',
	'service snf-dispatcher stop',
	'service snf-ganeti-eventd stop',
	'pg_dump -Fc snf_apps',
	'pg_dump -Fc snf_pithos',
	'apt-get install -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold python-objpool snf-common python-astakosclient snf-django-lib snf-webproject snf-branding snf-astakos-app',
	'snf-pithos-backend snf-cyclades-app',
	'snf-pithos-app snf-pithos-webclient',
	'snf-cyclades-gtools snf-pithos-backend snf-network',
	'snf-common snf-webproject',
	'service gunicorn stop',
	'snf-manage syncdb',
	'snf-manage migrate',
	'pithos-migrate upgrade head',
	"set ASTAKOS_AUTH_URL = 'https://accounts.example.synnefo.org/identity/v2.0'",
	"printf '%s\\n' \"${SNF_PITHOS_OAUTH_SECRET:?set SNF_PITHOS_OAUTH_SECRET}\" | ssh -l admin -- accounts.example.synnefo.org",
	'oauth2-client-add --secret --is-trusted --url https://storage.example.synnefo.org/pithos/ui/view -- pithos-view',
	'set PITHOS_OAUTH2_CLIENT_CREDENTIALS',
	'apt-get install -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold snf-vncauthproxy',
	'vncauthproxy-passwd /var/lib/vncauthproxy/users synnefo',
	'set CYCLADES_VNCAUTHPROXY_OPTS',
	'set DAEMON_OPTS="--pid-file=$PIDFILE"',
	'service vncauthproxy restart',
	"set STATS_BASE_URL = 'https://stats.example.synnefo.org/stats/'",
	'set CYCLADES_STATS_SECRET_KEY',
	"set NET_TIMESERIES_GRAPH_URL = 'https://stats.example.synnefo.org/stats/v1.0/net-ts/%s'",
	'service gunicorn restart',
	'set REMOTE_USER="persistent-nameid persistent-id targeted-id" on <ApplicationDefaults>',
	'set ASTAKOS_SHIBBOLETH_MIGRATE_EPPN = True',
	'service shibd restart',
	'snf-manage network-modify --add-to-backend=2 -- 1',
	'snf-manage network-modify --floating-ip-pool=True -- 1',
	'snf-manage network-modify --floating-ip-pool=True -- 7',
	'/usr/lib/synnefo/tools/update_to_floating_ips --network-id=1',
	'snf-manage component-modify astakos --base-url https://accounts.example.synnefo.org/astakos',
	'snf-service-export pithos https://storage.example.synnefo.org/pithos | snf-manage service-import --json -',
	'snf-manage resource-modify cyclades.floating_ip --default-quota 2',
	'snf-manage user-modify --all --base-quota cyclades.floating_ip 2 --exclude 7c3a5f52-0d8e-4c1b-9a55-1f2e3d4c5b6a -f',
	'snf-manage resource-modify cyclades.total_cpu --ui-visible=True',
	'service gunicorn start',
	'snf-manage reconcile-resources-cyclades --fix --force',
	'service gunicorn start',
	'service snf-dispatcher start',
	'service snf-ganeti-eventd start',
	'snf-manage reconcile-networks --fix-all',
];

describe('plan --format sh', () => {
	const script = renderSh(examplePlan({facts}));

	it('is a POSIX shell script that parses', () => {
		expect(script.startsWith('#!/bin/sh\n')).toBe(true);
		expect(script).toMatch(/^set -eu$/m);
		execFileSync('/bin/sh', ['-n'], {input: script});
	});

	it('parses too when everything is a placeholder (hosts and values are quoted)', () => {
		const empty = renderSh(buildPlan({answers: resolveAnswers({}), inventory: placeholderInventory()}));
		execFileSync('/bin/sh', ['-n'], {input: empty});
		expect(empty).toContain("ssh -- '<cyclades host>' /usr/lib/synnefo/tools/add_unique_name_to_nics\n");
	});

	it('contains every runbook command in runbook order, with derived values', () => {
		let position = 0;
		for (const needle of runbookOrder) {
			const found = script.indexOf(needle, position);
			expect(found, `"${needle}" after offset ${position}`).toBeGreaterThanOrEqual(0);
			position = found + needle.length;
		}
	});

	it('sends each remote command through ssh, with sudo sh -c where the login is not root and -t for terminal prompts', () => {
		expect(script).toContain("ssh -l root -- pithos.example.synnefo.org 'service gunicorn stop'\n");
		expect(script).toContain(`ssh -l admin -- accounts.example.synnefo.org ${shellQuote(`sudo sh -c ${shellQuote('service gunicorn stop')}`)}\n`);
		expect(script).toMatch(/^ssh -t -l admin -p 2222 -- cyclades\.example\.synnefo\.org .*vncauthproxy-passwd/m);
		expect(script).toContain('# it asks: vncauthproxy-passwd\'s password prompt (getpass) → $SNF_VNC_PASSWORD');
		expect(script).toContain('# edit on cyclades: /etc/synnefo/20-snf-cyclades-app-api.conf (as root; checked: python)');
		expect(script).toContain('# skipped: statsRrdMigrationCommand is not set (no RRD migration needed)');
	});

	it('runs, with a stand-in ssh, exactly the rendered command on each host', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'snf-sh-'));
		try {
			const log = path.join(dir, 'log');
			const ssh = path.join(dir, 'ssh');
			// The stand-in records the login (-l), the host (the argument after --), the remote command line and its stdin:
			// the secret given in its variable (secretEnv) arrives on stdin, never on the remote command line.
			writeFileSync(ssh, `#!/bin/sh\nuser=\nwhile [ "$1" != "--" ]; do if [ "$1" = -l ]; then user="$2"; shift; fi; shift; done\nshift\nhost="$1"; shift\nprintf '%s@%s\\t%s\\t%s\\0' "$user" "$host" "$*" "$(cat)" >> "${log}"\n`);
			chmodSync(ssh, 0o755);
			execFileSync('/bin/sh', ['-c', script], {env: {...process.env, ...secretEnv, PATH: `${dir}:${process.env['PATH'] ?? ''}`}});
			const recorded = readFileSync(log, 'utf8').split('\0').slice(0, -1);
			const plan = examplePlan({facts});
			const expected = plan.steps.flatMap(step => step.actions.filter((action): action is CommandAction => action.kind === 'command')).map(action => {
				const line = renderPipeline(action.shell, 'mask');
				const target = action.host.target.kind === 'ssh' ? `${action.host.target.user ?? ''}@${action.host.target.host}` : '';
				return `${target}\t${action.asRoot && action.host.sudo ? `sudo sh -c ${shellQuote(line)}` : line}\t${shellStdin(action.shell)?.trimEnd() ?? ''}`;
			});
			expect(recorded).toEqual(expected);
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});

	it('renders a local host plainly, through sudo when it needs root and its user is not root', () => {
		const base = {kind: 'command', shell: {pipeline: [{argv: ['service', 'gunicorn', 'stop']}]}, mutates: true, asRoot: true, prompts: [], pty: false} as const;
		expect(shLine({...base, host: {id: 'l', label: 'local', sudo: false, target: {kind: 'local', root: '', env: {}}}})).toBe('service gunicorn stop');
		expect(shLine({...base, host: {id: 'l', label: 'local', sudo: true, target: {kind: 'local', root: '', env: {}}}})).toBe("sudo sh -c 'service gunicorn stop'");
	});
});

describe('shLine never lets a login or host be read as an option of ssh', () => {
	const base = {kind: 'command', shell: {pipeline: [{argv: ['service', 'gunicorn', 'stop']}]}, mutates: true, asRoot: true, prompts: [], pty: false} as const;
	const sshHost = (user: string | undefined, host: string, port?: number) => ({
		id: 'h', label: 'h', sudo: false, target: {kind: 'ssh', host, ...(user === undefined ? {} : {user}), ...(port === undefined ? {} : {port})},
	} as const);

	it.each([
		['user and host', 'admin', 'cyclades.example.org', undefined, "ssh -l admin -- cyclades.example.org 'service gunicorn stop'"],
		['a user that looks like an option', '-Efoo', 'h.example.org', undefined, "ssh -l -Efoo -- h.example.org 'service gunicorn stop'"],
		['a host that looks like an option', undefined, '-oProxyCommand=id', 2222, "ssh -p 2222 -- -oProxyCommand=id 'service gunicorn stop'"],
		['an IPv6 address', 'root', '2001:db8::1', 22, "ssh -l root -p 22 -- 2001:db8::1 'service gunicorn stop'"],
	])('%s', (_name, user, host, port, expected) => {
		expect(shLine({...base, host: sshHost(user, host, port)})).toBe(expected);
	});

	it('OpenSSH reads the user from -l and the host after -- (ssh -G), and refuses a user that looks like an option', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'snf-sh-'));
		const sshG = (user: string) => spawnSync('/bin/sh', ['-c', shLine({...base, host: sshHost(user, 'h.example.org', 2222)}).replace(/^ssh /, 'ssh -G -F /dev/null ')], {cwd: dir, encoding: 'utf8'});
		try {
			const config = sshG('admin');
			expect(config.stdout).toMatch(/^user admin$/m);
			expect(config.stdout).toMatch(/^hostname h\.example\.org$/m);
			expect(config.stdout).toMatch(/^port 2222$/m);
			const hostile = sshG('-Efoo');
			expect(hostile.status).not.toBe(0);
			expect(hostile.stderr).toContain('remote username contains invalid characters');
			expect(readdirSync(dir)).toEqual([]);
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});
