import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {describeSettingsError, parseSettingsInForce} from '../../../source/domain/parsers/settings-in-force.js';
import {settingsInForceShell} from '../../../source/domain/parsers/settings-program.js';
import {interpreters} from '../transforms/python-oracle.js';

let directories: string[] = [];
afterEach(() => {
	for (const directory of directories) {
		rmSync(directory, {recursive: true, force: true});
	}

	directories = [];
});

function settingsDir(files: Record<string, string>): string {
	const directory = mkdtempSync(path.join(tmpdir(), 'snf-settings-'));
	directories.push(directory);
	for (const [name, text] of Object.entries(files)) {
		writeFileSync(path.join(directory, name), text);
	}

	return directory;
}

/** Runs the reader's real command line with sh, the way an executor does, with this interpreter's environment. */
function read(directory: string, names: readonly string[], env: NodeJS.ProcessEnv) {
	const result = spawnSync('sh', ['-c', renderShell(settingsInForceShell(directory, names), 'reveal')], {encoding: 'utf8', env});
	expect(result.status, result.stderr).toBe(0);
	return parseSettingsInForce(result.stdout);
}

const deployment = {
	'20-snf-cyclades-app-api.conf': "#ASTAKOS_BASE_URL = 'https://example/'\nASTAKOS_BASE_URL = 'https://accounts.one/'\nGANETI_FIREWALL_PROTECTED_TAG = 'synnefo:network:0:limited'\n",
	'10-snf-webproject-database.conf': "DATABASES = {'default': {'NAME': 'snf_apps', 'PORT': '5432'}}\n",
	'99-local.conf': "ASTAKOS_BASE_URL = 'https://accounts.two/'\nPITHOS_CREDENTIALS = ('pithos-view', 'x')\nWHEN = object()\nSAME_AGAIN = 1\n",
	'50-same.conf': 'SAME_AGAIN = 1\n',
	'notes.txt': 'THIS = is not python\n',
	'30-disabled.conf.dpkg-old': 'IGNORED = 1\n',
};

describe.each(interpreters)('settings in force with $label', interpreter => {
	const env = {...interpreter.env, PATH: `${path.dirname(interpreter.command)}:${interpreter.env['PATH'] ?? ''}`};

	it('executes every *.conf in sorted order in one namespace and names the file that set each key last', () => {
		const directory = settingsDir(deployment);
		const reading = read(directory, ['ASTAKOS_BASE_URL', 'DATABASES', 'PITHOS_CREDENTIALS', 'WHEN'], env);
		if (!reading.ok) {
			throw new Error(describeSettingsError(reading.error));
		}

		expect(reading.python).toMatch(interpreter.label.startsWith('python2') ? /^2\.7\./ : /^3\./);
		expect(reading.files.map(file => path.basename(file))).toEqual(['10-snf-webproject-database.conf', '20-snf-cyclades-app-api.conf', '50-same.conf', '99-local.conf']);
		const base = reading.settings.get('ASTAKOS_BASE_URL')!;
		expect(base.json).toBe('https://accounts.two/');
		expect(base.file).toBe(path.join(directory, '99-local.conf'));
		expect(base.files.map(file => path.basename(file))).toEqual(['20-snf-cyclades-app-api.conf', '99-local.conf']);
		expect(reading.settings.get('DATABASES')?.json).toEqual({default: {NAME: 'snf_apps', PORT: '5432'}});
		expect(reading.settings.get('PITHOS_CREDENTIALS')?.json).toEqual(['pithos-view', 'x']);
		expect(reading.settings.get('PITHOS_CREDENTIALS')?.repr).toMatch(/^\(u?'pithos-view', u?'x'\)$/);
		// Not JSON-serialisable: only its repr.
		expect(reading.settings.get('WHEN')?.json).toBeUndefined();
		expect(reading.settings.get('WHEN')?.repr).toMatch(/^<object object at 0x[0-9a-f]+>$/);
		// An equal value assigned again (same interned object) still counts as set by the later file.
		expect(reading.settings.get('SAME_AGAIN')?.files.map(file => path.basename(file))).toEqual(['50-same.conf', '99-local.conf']);
		// Names not asked for: only where they are set, never their values.
		expect(reading.settings.get('GANETI_FIREWALL_PROTECTED_TAG')).toEqual({name: 'GANETI_FIREWALL_PROTECTED_TAG', files: [path.join(directory, '20-snf-cyclades-app-api.conf')], file: path.join(directory, '20-snf-cyclades-app-api.conf')});
		expect(reading.settings.has('IGNORED')).toBe(false);
	});

	it('reports the file and line of a syntax error, as snf-manage would stop there', () => {
		const directory = settingsDir({'10-ok.conf': 'A = 1\n', '20-broken.conf': "B = 2\nC = 'unterminated\n", '30-later.conf': 'D = 4\n'});
		const reading = read(directory, [], env);
		expect(reading.ok).toBe(false);
		if (!reading.ok) {
			expect(reading.error).toMatchObject({file: path.join(directory, '20-broken.conf'), line: 2, kind: 'SyntaxError'});
			expect(describeSettingsError(reading.error)).toMatch(/^SyntaxError: .* in .*20-broken\.conf line 2$/);
		}
	});

	it('reports the line of a runtime error (a name no file defines)', () => {
		const directory = settingsDir({'10-ok.conf': 'A = 1\n\nB = A + MISSING\n'});
		const reading = read(directory, [], env);
		expect(reading.ok).toBe(false);
		if (!reading.ok) {
			expect(reading.error).toMatchObject({file: path.join(directory, '10-ok.conf'), line: 3, kind: 'NameError'});
		}
	});

	it('says when the directory is missing, and follows symlinked files like os.path.isfile', () => {
		const missing = read('/nonexistent/snf-upgrade-test', [], env);
		expect(missing).toMatchObject({ok: true, missingDirectory: true, files: []});
		const directory = settingsDir({});
		const elsewhere = settingsDir({'real.txt': 'LINKED = True\n'});
		symlinkSync(path.join(elsewhere, 'real.txt'), path.join(directory, '40-linked.conf'));
		mkdirSync(path.join(directory, '50-a-directory.conf'));
		const linked = read(directory, ['LINKED'], env);
		expect(linked.ok && linked.settings.get('LINKED')?.json).toBe(true);
		expect(linked.files.map(file => path.basename(file))).toEqual(['40-linked.conf']);
	});
});

describe('parseSettingsInForce', () => {
	it('finds its line after a login banner and refuses anything else', () => {
		const line = 'SNF-UPGRADE-SETTINGS {"python": "2.7.3", "directory": "/etc/synnefo", "files": [], "settings": {}}';
		expect(parseSettingsInForce(`Welcome to host\n${line}\n`)).toMatchObject({ok: true, python: '2.7.3'});
		expect(() => parseSettingsInForce('')).toThrow(/no SNF-UPGRADE-SETTINGS line/);
		expect(() => parseSettingsInForce('SNF-UPGRADE-SETTINGS {"python": "3"')).toThrow(/invalid JSON/);
		expect(() => parseSettingsInForce('SNF-UPGRADE-SETTINGS {"python": "3", "directory": "/d", "files": []}')).toThrow(/without settings/);
		expect(() => parseSettingsInForce('SNF-UPGRADE-SETTINGS {"python": "3", "directory": "/d", "files": [], "settings": {"A": {"files": []}}}')).toThrow(/no files for A/);
	});
});

describe('settingsInForceShell', () => {
	it('passes over a python that exists but does not run, and says so when none runs', () => {
		const bin = settingsDir({});
		for (const name of ['python2', 'python', 'python3']) {
			writeFileSync(path.join(bin, name), '#!/bin/sh\necho "pyenv: command not found" >&2\nexit 127\n', {mode: 0o755});
		}

		const result = spawnSync('sh', ['-c', renderShell(settingsInForceShell('/etc/synnefo', []), 'reveal')], {encoding: 'utf8', env: {PATH: `${bin}:/usr/bin:/bin`}});
		expect(result.status).toBe(127);
		expect(result.stderr).toContain('no working Python');
	});
});
