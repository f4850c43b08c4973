import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {combinedInventory, editsOf, exampleStep, lines} from './plan-fixture.js';

const change = "comment out ASTAKOS_BASE_URL | set ASTAKOS_AUTH_URL = 'https://accounts.example.synnefo.org/identity/v2.0'";

describe('2.3 ASTAKOS_BASE_URL set in more than one file', () => {
	it('reads, per host, the files with a live ASTAKOS_BASE_URL, and the grep finds exactly those', () => {
		const step = exampleStep('astakos-auth-url');
		expect(step.facts.map(fact => `${fact.key} @ ${fact.host.id}`)).toEqual(['astakos-base-url-files:cyclades @ cyclades', 'astakos-base-url-files:pithos @ pithos']);
		const directory = mkdtempSync(path.join(tmpdir(), 'snf-auth-url-'));
		try {
			writeFileSync(path.join(directory, '20-snf-cyclades-app-api.conf'), "#ASTAKOS_BASE_URL = 'x'\nASTAKOS_BASE_URL = 'a'\n");
			writeFileSync(path.join(directory, '99-local.conf'), "  ASTAKOS_BASE_URL='b'\n");
			writeFileSync(path.join(directory, '30-other.conf'), "ASTAKOS_BASE_URL_X = 1\n# ASTAKOS_BASE_URL = 'c'\n");
			const withDir = exampleStep('astakos-auth-url', {set: {settingsDir: directory}});
			const result = spawnSync('sh', ['-c', renderShell(withDir.facts[0]!.shell, 'reveal')], {encoding: 'utf8'});
			expect(result.status).toBe(0);
			expect(result.stdout).toBe(`${directory}/20-snf-cyclades-app-api.conf\n${directory}/99-local.conf\n`);
		} finally {
			rmSync(directory, {recursive: true, force: true});
		}
	});

	it('comments ASTAKOS_BASE_URL out in every other file that sets it, e.g. a 99-local.conf', () => {
		const facts = {
			'astakos-base-url-files:cyclades': '/etc/synnefo/20-snf-cyclades-app-api.conf\n/etc/synnefo/99-local.conf\n',
			'astakos-base-url-files:pithos': '',
		};
		const step = exampleStep('astakos-auth-url', {facts});
		expect(lines(step)).toEqual([
			`cyclades: edit /etc/synnefo/20-snf-cyclades-app-api.conf: ${change}`,
			'cyclades: edit /etc/synnefo/99-local.conf: comment out ASTAKOS_BASE_URL',
			`pithos: edit /etc/synnefo/20-snf-pithos-app-settings.conf: ${change}`,
		]);
		expect(editsOf(step).every(action => action.validate === 'python')).toBe(true);
		expect(step.missing).toEqual([]);
	});

	it('without the fact (plain plan) says the other files are found when the step runs', () => {
		const step = exampleStep('astakos-auth-url');
		expect(step.missing).toEqual(['astakos-base-url-files:cyclades', 'astakos-base-url-files:pithos']);
		expect(editsOf(step)[0]!.note).toMatch(/every other \*\.conf that sets ASTAKOS_BASE_URL .* is commented out too/);
	});

	it('on a host that also runs Astakos reads nothing and touches no other file', () => {
		const step = exampleStep('astakos-auth-url', {inventory: combinedInventory()});
		expect(step.facts).toEqual([]);
		expect(editsOf(step)).toHaveLength(2);
	});
});
