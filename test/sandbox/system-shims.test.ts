import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {sha512Crypt, verifySha512Crypt} from '../../source/sandbox/sha512-crypt.js';
import {loadState} from '../../source/sandbox/state.js';
import {ensureBuilt, newSandbox, removeSandboxes} from './helpers.js';
import type {Sandbox} from './helpers.js';
import {ok, packages} from './upgrade-steps.js';

beforeAll(() => {
	ensureBuilt();
});
afterAll(() => {
	removeSandboxes();
});

const fullBounds = 'min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=0,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=32,spindle-use=12';

describe('packages and services', () => {
	let sandbox: Sandbox;
	beforeAll(() => {
		sandbox = newSandbox();
	});

	it('service stop/status/start print Debian messages and keep the state', () => {
		expect(sandbox.run('cyclades', 'service gunicorn stop').stdout).toBe('[ ok ] Stopping Gunicorn workers: gunicorn.\n');
		const status = sandbox.run('cyclades', 'service gunicorn status');
		expect([status.code, status.stdout]).toEqual([3, '[FAIL] gunicorn is not running ... failed!\n']);
		expect(sandbox.run('astakos', 'service gunicorn status').code).toBe(0);
		expect(sandbox.run('pithos', 'service snf-dispatcher stop')).toMatchObject({code: 1, stderr: 'snf-dispatcher: unrecognized service\n'});
	});

	it('a daemon keeps its pid file where Debian puts it: there from the start, removed by stop, written again at each start', () => {
		const pid = sandbox.file('astakos', 'var/run/shibboleth/shibd.pid');
		expect(fs.readFileSync(pid, 'utf8')).toMatch(/^\d+\n$/);
		expect(fs.existsSync(sandbox.file('cyclades', 'var/run/vncauthproxy/vncauthproxy.pid'))).toBe(true);
		expect(fs.existsSync(sandbox.file('ganeti1-master', 'var/run/snf-ganeti-eventd.pid'))).toBe(true);
		expect(fs.existsSync(sandbox.file('ganeti1-node2', 'var/run/snf-ganeti-eventd.pid'))).toBe(false);
		ok(sandbox, 'astakos', 'service shibd stop');
		expect(fs.existsSync(pid)).toBe(false);
		ok(sandbox, 'astakos', 'service shibd start');
		const first = fs.statSync(pid);
		ok(sandbox, 'astakos', 'service shibd restart');
		expect(fs.statSync(pid).mtimeMs).toBeGreaterThan(first.mtimeMs);
	});

	it('apt-get install asks before pulling the rest of the exact-version family, upgrades with -y and starts gunicorn and snf-dispatcher again', () => {
		ok(sandbox, 'cyclades', 'service snf-dispatcher stop');
		const asked = sandbox.run('cyclades', 'apt-get install snf-common', 'n\n');
		expect(asked.stdout).toContain('The following packages will be upgraded:\n  snf-common python-astakosclient');
		expect(asked.stdout).toContain('Do you want to continue [Y/n]? Abort.\n');
		expect(asked.code).toBe(1);
		expect(loadState(sandbox.directory).hosts['cyclades']!.packages['snf-common']).toBe('0.14.10-1~wheezy');
		const installed = sandbox.run('cyclades', `apt-get install -y ${packages.cyclades}`);
		expect(installed.code).toBe(0);
		expect(installed.stdout).toContain('Setting up snf-cyclades-app (0.15-1~wheezy) ...\n');
		// dpkg rewrote each unpacked package's file list; the dispatcher the postinst started has its pid file again.
		const list = fs.statSync(sandbox.file('cyclades', 'var/lib/dpkg/info/snf-cyclades-app.list'));
		expect(list.mtimeMs).toBeGreaterThan(fs.statSync(sandbox.file('astakos', 'var/lib/dpkg/info/snf-common.list')).mtimeMs);
		expect(fs.existsSync(sandbox.file('cyclades', 'var/run/synnefo/snf_dispatcher.pid'))).toBe(true);
		const state = loadState(sandbox.directory).hosts['cyclades']!;
		expect([state.services['gunicorn']!.running, state.services['snf-dispatcher']!.running]).toEqual([true, true]);
		expect(sandbox.run('cyclades', "dpkg-query -W -f='${Package} ${Version}\\n' snf-common snf-webproject snf-vncauthproxy nosuch")).toEqual({
			code: 1,
			stdout: 'snf-common 0.15-1~wheezy\nsnf-webproject 0.15-1~wheezy\nsnf-vncauthproxy 1.5-1~wheezy\n',
			stderr: 'dpkg-query: no packages found matching nosuch\n',
		});
		expect(fs.readFileSync(sandbox.file('cyclades', 'etc/default/vncauthproxy'), 'utf8')).toBe('#CHUID="vncauthproxy:vncauthproxy"\n#DAEMON_OPTS="--pid-file=$PIDFILE"\n');
		expect(fs.existsSync(sandbox.file('cyclades', 'usr/lib/synnefo/tools/update_to_floating_ips'))).toBe(true);
		expect(sandbox.run('stats', 'apt-get install -y snf-nosuch')).toMatchObject({code: 100, stderr: 'E: Unable to locate package snf-nosuch\n'});
	});

	it('snf-manage refuses to start when snf-common and snf-webproject differ', () => {
		ok(sandbox, 'stats', 'apt-get install -y python-objpool');
		const state = loadState(sandbox.directory);
		state.hosts['stats']!.packages['snf-common'] = '0.15-1~wheezy';
		fs.writeFileSync(`${sandbox.directory}/state.json`, JSON.stringify(state));
		expect(sandbox.run('stats', 'snf-manage diffsettings').stderr).toContain('ImportError');
	});

	it('dpkg stops at a conffile prompt for a modified /etc/default/vncauthproxy when nothing answers', () => {
		const other = newSandbox();
		fs.writeFileSync(other.file('cyclades', 'etc/default/vncauthproxy'), 'CHUID="nobody:nogroup"\n');
		const result = other.run('cyclades', 'apt-get install -y snf-vncauthproxy');
		expect(result.stdout).toContain('*** vncauthproxy (Y/I/N/O/D/Z) [default=N] ? ');
		expect(result.code).toBe(100);
		expect(result.stderr).toContain('EOF on stdin at conffile prompt');
		ok(other, 'cyclades', 'apt-get install -y -o Dpkg::Options::=--force-confold snf-vncauthproxy');
		expect(fs.readFileSync(other.file('cyclades', 'etc/default/vncauthproxy'), 'utf8')).toBe('CHUID="nobody:nogroup"\n');
	});

	it('dpkg keeps a modified conffile with --force-confdef even beside --force-confnew, and replaces it with --force-confnew alone', () => {
		const other = newSandbox();
		const file = other.file('cyclades', 'etc/default/vncauthproxy');
		fs.writeFileSync(file, 'CHUID="nobody:nogroup"\n');
		const both = other.run('cyclades', 'apt-get install -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confnew snf-vncauthproxy');
		expect(both.code).toBe(0);
		expect(both.stdout).toContain(' ==> Keeping old config file as default.\n');
		expect(fs.readFileSync(file, 'utf8')).toBe('CHUID="nobody:nogroup"\n');
		expect(fs.readFileSync(`${file}.dpkg-dist`, 'utf8')).toContain('#DAEMON_OPTS="--pid-file=$PIDFILE"');

		const again = newSandbox();
		const second = again.file('cyclades', 'etc/default/vncauthproxy');
		fs.writeFileSync(second, 'CHUID="nobody:nogroup"\n');
		const confnew = again.run('cyclades', 'apt-get install -y -o Dpkg::Options::=--force-confnew snf-vncauthproxy');
		expect(confnew.stdout).toContain(' ==> Using new file as you requested.\n');
		expect(fs.readFileSync(second, 'utf8')).toContain('#DAEMON_OPTS="--pid-file=$PIDFILE"');
		expect(fs.readFileSync(`${second}.dpkg-old`, 'utf8')).toBe('CHUID="nobody:nogroup"\n');
	});
});

describe('Ganeti, Pithos, PostgreSQL and Shibboleth shims', () => {
	let sandbox: Sandbox;
	beforeAll(() => {
		sandbox = newSandbox();
	});

	it('gnt-cluster rejects bounds missing a parameter with Ganeti’s message and applies complete ones', () => {
		const partial = sandbox.run('ganeti1-master', 'gnt-cluster modify --ipolicy-bounds-specs min:nic-count=0/max:nic-count=32');
		expect([partial.code, partial.stderr]).toEqual([1, 'Failure: prerequisites not met for this operation: error type: wrong_input, error details: Missing parameters in ipolicy spec min: spindle-use, disk-count, disk-size, memory-size, cpu-count\n']);
		ok(sandbox, 'ganeti1-master', `gnt-cluster modify --ipolicy-bounds-specs ${fullBounds}`);
		expect(sandbox.run('ganeti1-master', 'gnt-cluster show-ispecs-cmd').stdout).toBe(`gnt-cluster init --ipolicy-std-specs cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1 --ipolicy-bounds-specs ${fullBounds} ganeti1.synnefo.test\n`);
		expect(sandbox.run('ganeti1-node2', 'gnt-cluster show-ispecs-cmd')).toMatchObject({code: 1, stderr: "This is not the master node, please connect to node 'ganeti1-master' and rerun the command\n"});
		expect(sandbox.run('ganeti2-master', 'gnt-cluster modify --ipolicy-disk-templates=drbd').stderr).toContain('allowed by the ipolicy, but not enabled on the cluster: drbd');
	});

	it('gnt-instance lists NIC names as a Python list and add_unique_name_to_nics names them', () => {
		expect(sandbox.run('ganeti1-master', "gnt-instance list --no-headers --separator='|' -o name,nic.names").stdout).toBe("snf-101|[None, None]\nsnf-102|[None]\nsnf-106|['snf-nic-7']\n");
		ok(sandbox, 'ganeti1-master', 'gnt-instance modify --net 0:modify,name=snf-nic-1 snf-101');
		const tool = sandbox.file('cyclades', 'usr/lib/synnefo/tools/add_unique_name_to_nics');
		expect(sandbox.run('cyclades', `${tool} --dry-run`).stderr).toBe('[INFO] Updating NICs of instance snf-101\n[INFO] Updating NICs of instance snf-102\n[INFO] Updating NICs of instance snf-103\n[INFO] Updating NICs of instance snf-104\n[INFO] Updating NICs of instance snf-105\n');
		ok(sandbox, 'cyclades', tool);
		expect(sandbox.run('cyclades', tool).stderr).toBe("[INFO] No anonymous NICs in backend 'ganeti1.synnefo.test'. Nothing to do!\n[INFO] No anonymous NICs in backend 'ganeti2.synnefo.test'. Nothing to do!\n");
		expect(sandbox.run('ganeti1-master', 'gnt-instance list --no-headers -o name,nic.names').stdout).toContain("snf-101 ['snf-nic-1', 'snf-nic-2']");
	});

	it('pithos-migrate shows the revision with the password masked and upgrades to head only with 0.15 code', () => {
		expect(sandbox.run('pithos', 'pithos-migrate current').stdout).toBe('Current revision for postgresql://synnefo:XXXXX@astakos:5432/snf_pithos: None -> 3b62b3f1bf6c (head), alter public add column url\n');
		ok(sandbox, 'pithos', `apt-get install -y ${packages.pithos}`);
		expect(sandbox.run('pithos', 'pithos-migrate upgrade head').stderr).toContain('Running upgrade 3b62b3f1bf6c -> 54dbdde2d187\nINFO  [alembic.migration] Running upgrade 54dbdde2d187 -> 301fba21d9b8\n');
		expect(sandbox.run('pithos', 'pithos-migrate current').stdout).toContain(': 54dbdde2d187 -> 301fba21d9b8 (head)');
	});

	it('pg_dump works as postgres through su on the database host only', () => {
		const dump = sandbox.file('astakos', 'var/backups/snf_apps.dump');
		ok(sandbox, 'astakos', `su - postgres -c "pg_dump -Fc snf_apps" > ${dump}`);
		expect(fs.readFileSync(dump, 'utf8').startsWith('PGDMP')).toBe(true);
		expect(sandbox.run('astakos', 'pg_dump snf_apps').stderr).toContain('FATAL:  role "root" does not exist');
		expect(sandbox.run('astakos', 'su - postgres -c "pg_dump nosuch"').stderr).toContain('FATAL:  database "nosuch" does not exist');
		expect(sandbox.run('cyclades', 'su - postgres -c "pg_dump snf_apps"').code).toBe(1);
	});

	it('shibd -t accepts the shipped file and rejects a broken one with rc 254; service shibd restart then fails', () => {
		const config = sandbox.file('astakos', 'etc/shibboleth/shibboleth2.xml');
		expect(sandbox.run('astakos', `shibd -t -c ${config}`)).toMatchObject({code: 0, stderr: 'overall configuration is loadable, check console or log for non-fatal problems\n'});
		const original = fs.readFileSync(config, 'utf8');
		fs.writeFileSync(config, original.replace(/REMOTE_USER="[^"]*"/, 'REMOTE_USER=eppn'));
		const broken = sandbox.run('astakos', `shibd -t -c ${config}`);
		expect(broken.code).toBe(254);
		expect(broken.stdout).toMatch(/ERROR XMLTooling\.ParserPool : fatal error on line 9, column \d+, message: not well-formed \(invalid token\)/);
		expect(broken.stderr).toBe('<3>configuration is invalid, check console or log for specific problems\n');
		expect(sandbox.run('astakos', 'service shibd restart')).toMatchObject({code: 1, stdout: '[FAIL] Restarting Shibboleth 3 daemon: shibd failed!\n'});
		fs.writeFileSync(config, original.replace(/\n\s+REMOTE_USER="[^"]*"/, ''));
		expect(sandbox.run('astakos', `shibd -t -c ${config}`).code).toBe(254);
	});
});

describe('interactive programs', () => {
	it('snf-component-register asks its questions on stdin and re-registers with base URLs', () => {
		const sandbox = newSandbox();
		ok(sandbox, 'astakos', `apt-get install -y ${packages.astakos} && snf-manage migrate --noinput`);
		const answers = ['maybe', 'y', 'https://accounts.synnefo.test/astakos', 'https://accounts.synnefo.test/astakos/ui', 'y', 'n', 'y', 'https://storage.synnefo.test/pithos', 'https://storage.synnefo.test/pithos/ui', 'y'];
		const result = sandbox.run('astakos', 'snf-component-register', answers.join('\n') + '\n');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('The account management component (astakos) is registered.\nRe-register (y/n)? Please answer yes or no.\nRe-register (y/n)? Registering the account management component (astakos):\nGive the URL of astakos base installation (e.g. https://accounts.example.synnefo.org/astakos)\nBase URL: Give the URL of the astakos UI (e.g. https://accounts.synnefo.test/astakos/ui)\nUI URL: Register astakos with the given URLs (y/n)? ');
		expect(result.stdout).toContain("The compute component (cyclades) is registered.\nRe-register (y/n)? The file storage component (pithos) is registered.\nRe-register (y/n)? Registering the file storage component (pithos):\n");
		expect(result.stdout).toContain("Registering pithos's services and resources...\n");
		expect(result.stderr).toContain("Added service pithos_object-store.\nAdded service pithos_public.\nAdded service pithos_ui.\nResource 'pithos.diskspace' updated in database.\n");
		expect(sandbox.run('astakos', 'snf-manage component-list -o name,base_url --output-format=csv --no-headers').stdout).toBe('astakos,https://accounts.synnefo.test/astakos\r\ncyclades,None\r\npithos,https://storage.synnefo.test/pithos\r\n');
	});

	it('vncauthproxy-passwd without a terminal warns like getpass and reads stdin; the hash is SHA-512 crypt', () => {
		const sandbox = newSandbox();
		const users = sandbox.file('cyclades', 'var/lib/vncauthproxy/users');
		expect(sandbox.run('cyclades', `vncauthproxy-passwd ${users} synnefo`, 'pw\n').code).toBe(127);
		ok(sandbox, 'cyclades', 'apt-get install -y snf-vncauthproxy');
		const result = sandbox.run('cyclades', `vncauthproxy-passwd ${users} synnefo`, 's3cret\n');
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('/usr/lib/python2.7/getpass.py:83: GetPassWarning: Can not control echo on the terminal.\n  passwd = fallback_getpass(prompt, stream)\nWarning: Password input may be echoed.\nPassword: ');
		const line = fs.readFileSync(users, 'utf8');
		expect(line).toMatch(/^synnefo:\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}\n$/);
		expect(verifySha512Crypt('s3cret', line.trim().slice('synnefo:'.length))).toBe(true);
		expect(sandbox.run('cyclades', `vncauthproxy-passwd ${users} synnefo`, '\n')).toMatchObject({code: 1});
		expect(sandbox.run('cyclades', `vncauthproxy-passwd -d ${users} nobody`).stderr).toBe('User not found!\n');
	});

	it('vncauthproxy-passwd prompts on the terminal without echoing the password', () => {
		const sandbox = newSandbox();
		ok(sandbox, 'cyclades', 'apt-get install -y snf-vncauthproxy');
		const users = sandbox.file('cyclades', 'var/lib/vncauthproxy/users');
		const driver = String.raw`
import json, os, pty, select, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp('sh', ['sh', '-c', sys.argv[1]])
out = b''
def read(until):
    global out
    while until not in out:
        ready, _, _ = select.select([fd], [], [], 10)
        if not ready:
            return
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            return
        if not chunk:
            return
        out += chunk
read(b'Password: ')
os.write(fd, b'typed-secret\r')
read(b'__never__')
_, status = os.waitpid(pid, 0)
print(json.dumps({'out': out.decode(), 'code': os.waitstatus_to_exitcode(status)}))
`;
		const env = {...process.env, ...sandbox.document.inventory.cyclades.local.env};
		const run = spawnSync('python3', ['-c', driver, `vncauthproxy-passwd ${users} synnefo`], {encoding: 'utf8', env, timeout: 20_000});
		const {out, code} = JSON.parse(run.stdout) as {out: string; code: number};
		expect(code).toBe(0);
		expect(out).toBe('Password: \r\n');
		expect(verifySha512Crypt('typed-secret', fs.readFileSync(users, 'utf8').trim().slice('synnefo:'.length))).toBe(true);
	});

	it('sha512Crypt gives what openssl passwd -6 gives', () => {
		const openssl = spawnSync('openssl', ['passwd', '-6', '-salt', 'abcdefghijklmnop', 'pass word'], {encoding: 'utf8'});
		expect(sha512Crypt('pass word', 'abcdefghijklmnop')).toBe(openssl.stdout.trim());
		expect(sha512Crypt('x', 'short')).toBe(spawnSync('openssl', ['passwd', '-6', '-salt', 'short', 'x'], {encoding: 'utf8'}).stdout.trim());
	});

	it('shims running in parallel do not lose each other’s state changes', () => {
		const sandbox = newSandbox();
		const hosts = ['astakos', 'cyclades', 'pithos', 'stats'];
		const script = hosts.map(host => `SNF_SANDBOX_HOST=${host} service gunicorn stop >/dev/null &`).join('\n') + '\nSNF_SANDBOX_HOST=ganeti1-master service snf-ganeti-eventd stop >/dev/null &\nSNF_SANDBOX_HOST=ganeti2-master service snf-ganeti-eventd stop >/dev/null &\nwait\n';
		ok(sandbox, 'astakos', script);
		const state = loadState(sandbox.directory);
		expect(hosts.map(host => state.hosts[host]!.services['gunicorn']!.running)).toEqual([false, false, false, false]);
		expect(state.hosts['ganeti1-master']!.services['snf-ganeti-eventd']!.running).toBe(false);
		expect(state.hosts['ganeti2-master']!.services['snf-ganeti-eventd']!.running).toBe(false);
	});
});
