import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt, newSandbox, removeSandboxes, repo} from './helpers.js';
import {configure, finish} from './upgrade-settings.js';
import {ok, packagesAndMigrations, preUpgrade} from './upgrade-steps.js';

beforeAll(() => {
	ensureBuilt();
});
afterAll(() => {
	removeSandboxes();
});

const verify = (directory: string) => spawnSync(process.execPath, [path.join(repo, 'dist/cli.js'), 'sandbox', 'verify', directory], {encoding: 'utf8'});

describe('snf-upgrade sandbox verify DIR', () => {
	it('fails on a fresh 0.14.10 sandbox and lists what is not upgraded', () => {
		const {directory} = newSandbox();
		const result = verify(directory);
		expect(result.status).toBe(1);
		expect(result.stdout).toContain("FAIL firewall tags on cyclades use %s: GANETI_FIREWALL_PROTECTED_TAG = \"synnefo:network:0:limited\"");
		for (const name of ['ASTAKOS_AUTH_URL on cyclades', 'OAuth client registered', 'ipolicy bounds of ganeti1.synnefo.test', 'every NIC has a name', 'snf_apps migrations at head', 'resource cyclades.floating_ip registered', 'quotaholder in sync']) {
			expect(result.stdout).toContain(`FAIL ${name}`);
		}

		expect(result.stdout).toContain('PASS gunicorn running on astakos');
		expect(result.stdout).toMatch(/\d+ of \d+ checks failed\.\n$/);
	});

	it('passes after the whole upgrade is applied by hand with the shim commands', () => {
		const sandbox = newSandbox();
		preUpgrade(sandbox);
		packagesAndMigrations(sandbox);
		configure(sandbox);
		const halfway = verify(sandbox.directory);
		expect(halfway.status).toBe(1);
		expect(halfway.stdout).toContain('PASS vncauthproxy users file holds the user with a SHA-512 crypt hash of the password');
		expect(halfway.stdout).toContain('FAIL floating IP pools: networks 1, 2 are not floating IP pools');
		expect(halfway.stdout).toContain('FAIL gunicorn running on astakos: stopped');
		finish(sandbox);
		const result = verify(sandbox.directory);
		expect(result.stdout).not.toContain('FAIL');
		expect(result.status).toBe(0);
		for (const secret of [sandbox.document.answers.vncPassword, sandbox.document.answers.pithosOauthSecret, sandbox.document.answers.statsSecretKey]) {
			expect(result.stdout).not.toContain(secret);
		}

		// Answering 'yes' to the stale content types question (the notes say 'no') deletes them: verify fails.
		ok(sandbox, 'cyclades', 'snf-manage migrate', 'yes\n');
		expect(verify(sandbox.directory).stdout).toContain("FAIL stale content types kept (answered 'no')");

		// Once upgraded, one more check breaks it again: a settings file that no longer compiles.
		ok(sandbox, 'stats', `echo 'STATS_BASE_URL = (' >> ${sandbox.file('stats', 'etc/synnefo/20-snf-stats-app-settings.conf')}`);
		const broken = verify(sandbox.directory);
		expect(broken.status).toBe(1);
		expect(broken.stdout).toContain('FAIL settings of stats compile: Failed to read settings file:');
	}, 180_000);
});

describe('sandbox verify expects what the sandbox was created with, not what answers.json says', () => {
	it('an ASTAKOS_AUTH_URL built from a wrong astakosBaseUrl fails even when answers.json holds that wrong value', () => {
		const sandbox = newSandbox();
		const wrong = 'https://wrong.synnefo.test/';
		const answersFile = path.join(sandbox.directory, 'answers.json');
		const document = JSON.parse(fs.readFileSync(answersFile, 'utf8')) as {answers: Record<string, unknown>};
		document.answers['astakosBaseUrl'] = wrong;
		fs.writeFileSync(answersFile, JSON.stringify(document));
		for (const [host, file] of [['cyclades', '20-snf-cyclades-app-api.conf'], ['pithos', '20-snf-pithos-app-settings.conf']] as const) {
			const conf = sandbox.file(host, `etc/synnefo/${file}`);
			fs.writeFileSync(conf, fs.readFileSync(conf, 'utf8').replace(/^ASTAKOS_BASE_URL = .*$/m, "ASTAKOS_AUTH_URL = 'https://wrong.synnefo.test/identity/v2.0'"));
		}

		const result = verify(sandbox.directory);
		expect(result.stdout).toContain("FAIL ASTAKOS_AUTH_URL on cyclades: expected 'https://accounts.synnefo.test/astakos/identity/v2.0', found \"https://wrong.synnefo.test/identity/v2.0\"");
		expect(result.stdout).toContain('FAIL ASTAKOS_AUTH_URL on pithos');
		expect(result.stdout).toContain('PASS no ASTAKOS_BASE_URL on cyclades');
	});
});
