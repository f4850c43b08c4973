import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {InputError} from '../../source/domain/errors.js';
import {createSandbox} from '../../source/sandbox/create-sandbox.js';
import {readSettings} from '../../source/sandbox/python-settings.js';
import {ensureBuilt, newSandbox, removeSandboxes, repo} from './helpers.js';

beforeAll(() => {
	ensureBuilt();
});
afterAll(() => {
	removeSandboxes();
});

const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(repo, 'dist/cli.js'), ...args], {encoding: 'utf8'});

describe('snf-upgrade sandbox DIR', () => {
	it('writes one root per host, the shims, the state and a 0600 answers document whose hosts point at the sandbox', () => {
		const sandbox = newSandbox();
		const {directory, document} = sandbox;
		for (const host of ['astakos', 'cyclades', 'pithos', 'stats', 'ganeti1-master', 'ganeti1-node2', 'ganeti2-master']) {
			expect(fs.statSync(path.join(directory, host)).isDirectory()).toBe(true);
		}

		expect(fs.statSync(path.join(directory, 'answers.json')).mode & 0o777).toBe(0o600);
		expect(fs.readFileSync(path.join(directory, 'bin/snf-manage'), 'utf8')).toMatch(/^#!\/bin\/sh\n.*NODE_EXTRA_CA_CERTS= exec '.+' '.+\/dist\/sandbox\/shim-main\.cjs' snf-manage "\$@"\n$/);
		expect(fs.existsSync(sandbox.file('cyclades', 'usr/lib/synnefo/tools/add_unique_name_to_nics'))).toBe(true);
		expect(fs.existsSync(sandbox.file('cyclades', 'usr/lib/synnefo/tools/update_to_floating_ips'))).toBe(false);
		expect(document.version).toBe(1);
		expect(document.inventory.vncauthproxy).toEqual(document.inventory.cyclades);
		expect(document.inventory.db).toEqual(document.inventory.astakos);
		expect(document.inventory.ganeti.map(backend => [backend.name, backend.master.name, backend.nodes.map(node => node.name)])).toEqual([
			['ganeti1', 'ganeti1-master', ['ganeti1-master', 'ganeti1-node2']],
			['ganeti2', 'ganeti2-master', ['ganeti2-master']],
		]);
		const {local} = document.inventory.cyclades;
		expect(local.root).toBe(path.join(directory, 'cyclades'));
		expect(local.env['PATH']?.split(':')[0]).toBe(path.join(directory, 'bin'));
		expect(local.env).toMatchObject({SNF_SANDBOX: directory, SNF_SANDBOX_HOST: 'cyclades', SYNNEFO_SETTINGS_DIR: path.join(directory, 'cyclades/etc/synnefo')});
		for (const key of ['pithosOauthSecret', 'vncPassword', 'statsSecretKey'] as const) {
			expect(document.answers[key]).toMatch(/^[0-9a-f]{32}$/);
		}

		expect(document.answers.pithosOauthSecret).not.toBe(document.answers.vncPassword);
		expect(document.answers).toMatchObject({quotaFloatingIp: '2', shibbolethEnabled: true, floatingIpPoolNetworks: ['1', '2'], settingsDir: '/etc/synnefo'});
	});

	it('starts a shim\'s node without NODE_EXTRA_CA_CERTS (node parses that bundle at every start), and gives the shim and what it runs the caller\'s value', () => {
		const sandbox = newSandbox();
		const started = sandbox.run('astakos', 'NODE_EXTRA_CA_CERTS=/nonexistent/ca.pem service gunicorn status');
		expect([started.code, started.stderr]).toEqual([0, '']);
		const seen = sandbox.run('astakos', 'NODE_EXTRA_CA_CERTS=/nonexistent/ca.pem su - postgres -c \'printenv NODE_EXTRA_CA_CERTS\' 2>&1');
		expect(seen.stdout).toBe('/nonexistent/ca.pem\n');
		const unset = sandbox.run('astakos', 'unset NODE_EXTRA_CA_CERTS; su - postgres -c \'echo "${NODE_EXTRA_CA_CERTS-unset}"; env | grep -c SNF_SANDBOX_KEPT\'');
		expect(unset.stdout).toBe('unset\n0\n');
		const empty = sandbox.run('astakos', 'NODE_EXTRA_CA_CERTS= su - postgres -c \'echo "[${NODE_EXTRA_CA_CERTS-unset}]"\'');
		expect(empty.stdout).toBe('[]\n');
	});

	it('writes 0.14.10 settings that python3 executes to the values a real deployment has', () => {
		const sandbox = newSandbox();
		const cyclades = readSettings(sandbox.file('cyclades', 'etc/synnefo'), ['ASTAKOS_BASE_URL', 'CPU_BAR_GRAPH_URL', 'CYCLADES_VNCAUTHPROXY_OPTS', 'DATABASES', 'GANETI_FIREWALL_PROTECTED_TAG']);
		const astakos = readSettings(sandbox.file('astakos', 'etc/synnefo'), ['ASTAKOS_IM_MODULES', 'ASTAKOS_BASE_URL']);
		const pithos = readSettings(sandbox.file('pithos', 'etc/synnefo'), ['PITHOS_BASE_URL', 'ASTAKOS_BASE_URL']);
		expect(cyclades.ok && cyclades.values).toEqual({
			ASTAKOS_BASE_URL: 'https://accounts.synnefo.test/astakos/',
			CPU_BAR_GRAPH_URL: 'http://stats.synnefo.test/%s/cpu-bar.png',
			DATABASES: {default: expect.objectContaining({NAME: 'snf_apps'}) as unknown},
			// A 0.14-style override the upgrade must turn into the %s form (facts §8 warning 12).
			GANETI_FIREWALL_PROTECTED_TAG: 'synnefo:network:0:limited',
		});
		expect(astakos.ok && astakos.values['ASTAKOS_IM_MODULES']).toEqual(['local', 'shibboleth']);
		expect(pithos.ok && pithos.values).toEqual({PITHOS_BASE_URL: 'https://storage.synnefo.test/pithos/', ASTAKOS_BASE_URL: 'https://accounts.synnefo.test/astakos/'});
		const api = fs.readFileSync(sandbox.file('cyclades', 'etc/synnefo/20-snf-cyclades-app-api.conf'), 'utf8');
		expect(api).toContain("#CYCLADES_VNCAUTHPROXY_OPTS = {\n#    # The user to authenticate as\n#    'auth_user': 'synnefo',");
		expect(fs.readFileSync(sandbox.file('astakos', 'etc/synnefo/20-snf-astakos-app-settings.conf'), 'utf8')).toContain('\n# ASTAKOS_SHIBBOLETH_MIGRATE_EPPN = False\n');
		expect(fs.readFileSync(sandbox.file('astakos', 'etc/shibboleth/shibboleth2.xml'), 'utf8')).toMatch(/<ApplicationDefaults entityID="[^"]+"\n\s+REMOTE_USER="eppn persistent-id targeted-id"/);
		expect(fs.readFileSync(sandbox.file('cyclades', 'etc/default/vncauthproxy'), 'utf8')).toBe('#CHUID="nobody:nogroup"\n');
		expect(fs.statSync(sandbox.file('cyclades', 'var/lib/vncauthproxy')).isDirectory()).toBe(true);
		expect(fs.statSync(sandbox.file('astakos', 'var/backups')).isDirectory()).toBe(true);
	});

	it('refuses an existing non-empty directory without --force (exit 2) and replaces a sandbox with --force', () => {
		const {directory} = newSandbox();
		expect(() => createSandbox(directory)).toThrow(InputError);
		const refused = cli('sandbox', directory);
		expect(refused.status).toBe(2);
		expect(refused.stderr).toContain('already exists and is not empty');
		fs.writeFileSync(path.join(directory, 'state.json'), '{}');
		const forced = cli('sandbox', directory, '--force');
		expect(forced.status).toBe(0);
		expect(JSON.parse(fs.readFileSync(path.join(directory, 'state.json'), 'utf8'))).toHaveProperty('version', 1);
	});

	it('never deletes a non-empty directory that is not a sandbox, even with --force', () => {
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-not-a-sandbox-'));
		fs.writeFileSync(path.join(directory, 'precious.txt'), 'keep me');
		try {
			const result = cli('sandbox', directory, '--force');
			expect(result.status).toBe(2);
			expect(result.stderr).toContain('does not look like a sandbox');
			expect(fs.readFileSync(path.join(directory, 'precious.txt'), 'utf8')).toBe('keep me');
		} finally {
			fs.rmSync(directory, {recursive: true, force: true});
		}
	});
});
