import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {Probe} from '../../../source/domain/action-types.js';
import {renderShell, shellStdin} from '../../../source/domain/shell-quote.js';
import {applyEdits} from '../../../source/domain/transforms/apply-edits.js';
import {status} from '../../helpers/verdict-status.js';
import {interpreters} from '../transforms/python-oracle.js';
import {editsOf, exampleStep, secretEnv} from './plan-fixture.js';

let directories: string[] = [];
afterEach(() => {
	for (const directory of directories) {
		rmSync(directory, {recursive: true, force: true});
	}

	directories = [];
});

function settingsDir(): string {
	const parent = mkdtempSync(path.join(tmpdir(), 'snf-settings-probe-'));
	directories.push(parent);
	const directory = path.join(parent, 'etc/synnefo');
	mkdirSync(directory, {recursive: true});
	return directory;
}

describe.each(interpreters)('edited settings read in force with $label', interpreter => {
	const env = {...interpreter.env, PATH: `${path.dirname(interpreter.command)}:${interpreter.env['PATH'] ?? ''}`};
	/** Runs the probe's real command line with sh and its stdin line, as an executor does. */
	function probe(probe: Probe) {
		const result = spawnSync('sh', ['-c', renderShell(probe.shell, 'reveal')], {encoding: 'utf8', env, input: shellStdin(probe.shell)});
		const output = {exitCode: result.status, stdout: result.stdout, stderr: result.stderr};
		const verdict = probe.isDone(output);
		return {status: status(verdict), detail: verdict.detail, output};
	}

	function statsStep(directory: string) {
		const step = exampleStep('stats-settings', {set: {settingsDir: directory}});
		expect(step.probes).toHaveLength(1);
		return step;
	}

	it('done when the edited file puts every value in force; to do when a later file overrides one, naming it', () => {
		const directory = settingsDir();
		const step = statsStep(directory);
		const edited = applyEdits("#STATS_BASE_URL = \"https://host:port/stats\"\n#STATS_SECRET_KEY = \"secret key\"\n", editsOf(step)[0]!.edits, 'reveal');
		writeFileSync(path.join(directory, '20-snf-stats-app-settings.conf'), edited);
		expect(probe(step.probes[0]!)).toMatchObject({status: 'done', detail: 'STATS_BASE_URL (20-snf-stats-app-settings.conf), STATS_SECRET_KEY (20-snf-stats-app-settings.conf)'});
		writeFileSync(path.join(directory, '99-local.conf'), "STATS_BASE_URL = 'https://old.example/stats/'\n");
		expect(probe(step.probes[0]!)).toMatchObject({
			status: 'to do',
			detail: "STATS_BASE_URL in force is 'https://old.example/stats/' (set in 99-local.conf), not 'https://stats.example.synnefo.org/stats/'",
		});
	});

	it('a secret in force that is not the intended one is to do, and neither value is ever printed', () => {
		const directory = settingsDir();
		const step = statsStep(directory);
		writeFileSync(path.join(directory, '20-snf-stats-app-settings.conf'), "STATS_BASE_URL = 'https://stats.example.synnefo.org/stats/'\nSTATS_SECRET_KEY = 'the-old-secret-4242'\n");
		const found = probe(step.probes[0]!);
		expect(found).toMatchObject({status: 'to do', detail: 'STATS_SECRET_KEY in force (set in 20-snf-stats-app-settings.conf) is not the intended value'});
		const everything = `${found.output.stdout}${found.output.stderr}${found.detail}${renderShell(step.probes[0]!.shell, 'mask')}`;
		expect(everything).not.toContain('the-old-secret-4242');
		expect(everything).not.toContain(secretEnv.SNF_STATS_SECRET_KEY);
		expect(renderShell(step.probes[0]!.shell, 'reveal')).not.toContain(secretEnv.SNF_STATS_SECRET_KEY);
	});

	it('a bool is not an int, and an unset name is to do', () => {
		const directory = settingsDir();
		const step = exampleStep('shibboleth-migrate-eppn', {set: {settingsDir: directory, shibbolethMigrateEppn: true}});
		writeFileSync(path.join(directory, '20-snf-astakos-app-settings.conf'), '# ASTAKOS_SHIBBOLETH_MIGRATE_EPPN = False\n');
		expect(probe(step.probes[0]!)).toMatchObject({status: 'to do', detail: 'ASTAKOS_SHIBBOLETH_MIGRATE_EPPN is set by no file'});
		writeFileSync(path.join(directory, '20-snf-astakos-app-settings.conf'), 'ASTAKOS_SHIBBOLETH_MIGRATE_EPPN = 1\n');
		expect(probe(step.probes[0]!).status).toBe('to do');
		writeFileSync(path.join(directory, '20-snf-astakos-app-settings.conf'), 'ASTAKOS_SHIBBOLETH_MIGRATE_EPPN = True\n');
		expect(probe(step.probes[0]!).status).toBe('done');
	});

	it('ASTAKOS_BASE_URL commented out in every file that set it; ASTAKOS_AUTH_URL in force', () => {
		const directory = settingsDir();
		const local = path.join(directory, '99-local.conf');
		const step = exampleStep('astakos-auth-url', {set: {settingsDir: directory}, facts: {'astakos-base-url-files:cyclades': `${local}\n`, 'astakos-base-url-files:pithos': ''}});
		const cyclades = step.probes.find(candidate => candidate.host.id === 'cyclades')!;
		writeFileSync(path.join(directory, '20-snf-cyclades-app-api.conf'), "ASTAKOS_AUTH_URL = 'https://accounts.example.synnefo.org/identity/v2.0'\n");
		writeFileSync(local, "ASTAKOS_BASE_URL = 'https://accounts.example.synnefo.org/'\n");
		expect(probe(cyclades)).toMatchObject({status: 'to do', detail: 'ASTAKOS_BASE_URL is still set in 99-local.conf'});
		writeFileSync(local, "#ASTAKOS_BASE_URL = 'https://accounts.example.synnefo.org/'\n");
		expect(probe(cyclades).status).toBe('done');
	});

	it('cannot tell when the directory is missing or a settings file does not run (naming file and line)', () => {
		const directory = settingsDir();
		const step = statsStep(path.join(directory, 'nowhere'));
		expect(probe(step.probes[0]!)).toMatchObject({status: 'cannot tell', detail: `${path.join(directory, 'nowhere')} does not exist`});
		const broken = statsStep(directory);
		writeFileSync(path.join(directory, '50-broken.conf'), 'A = (\n');
		expect(probe(broken.probes[0]!)).toMatchObject({status: 'cannot tell', detail: expect.stringMatching(/^the settings do not run: SyntaxError: .* in .*50-broken\.conf line 1$/) as unknown});
	});
});

describe('how plans and transcripts show the settings probe', () => {
	it('names the program instead of printing it (ten copies of it made the sh plan too long for one argument), the intended values masked', () => {
		const probe = exampleStep('stats-settings').probes[0]!;
		expect(renderShell(probe.shell, 'mask')).toBe("printf '%s\\n' •••• | python2|python|python3 -c <snf-upgrade settings-in-force program> --expect /etc/synnefo STATS_BASE_URL");
		expect(renderShell(probe.shell, 'reveal')).toContain('def same(value, wanted):');
	});
});

describe('edited settings probe output it does not know', () => {
	it.each([
		['empty output', {exitCode: 0, stdout: '', stderr: ''}],
		['a report without the comparison', {exitCode: 0, stdout: 'SNF-UPGRADE-SETTINGS {"python": "2.7.3", "directory": "/etc/synnefo", "files": ["/etc/synnefo/a.conf"], "settings": {"STATS_BASE_URL": {"files": ["/etc/synnefo/a.conf"]}, "STATS_SECRET_KEY": {"files": ["/etc/synnefo/a.conf"]}}}\n', stderr: ''}],
		['no working Python', {exitCode: 127, stdout: '', stderr: 'no working Python (python2, python or python3) on this host\n'}],
	])('%s → cannot tell', (_name, output) => {
		expect(status(exampleStep('stats-settings').probes[0]!.isDone(output))).toBe('cannot tell');
	});
});
