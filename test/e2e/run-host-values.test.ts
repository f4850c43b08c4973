import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readSettings} from '../../source/sandbox/python-settings.js';
import {ensureCliBuilt, runCli} from './run-helpers.js';

let parent: string;
beforeAll(() => {
	ensureCliBuilt();
	parent = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-host-values-'));
}, 120_000);
afterAll(() => {
	fs.rmSync(parent, {recursive: true, force: true});
});

async function sandboxWith(name: string, change: (answers: Record<string, unknown>) => void) {
	const sandbox = path.join(parent, name);
	const created = await runCli(['sandbox', sandbox]);
	expect(created.code).toBe(0);
	const answersFile = path.join(sandbox, 'answers.json');
	const document = JSON.parse(fs.readFileSync(answersFile, 'utf8')) as {answers: Record<string, unknown>};
	change(document.answers);
	fs.writeFileSync(answersFile, JSON.stringify(document), {mode: 0o600});
	return {sandbox, answersFile, state: path.join(parent, `${name}-state`), file: (host: string, relative: string) => path.join(sandbox, host, relative)};
}

/** Every file of the sandbox hosts with its content, to prove that nothing changed. */
function snapshot(sandbox: string): Map<string, string> {
	const files = new Map<string, string>();
	const walk = (directory: string) => {
		for (const entry of fs.readdirSync(directory, {withFileTypes: true})) {
			const full = path.join(directory, entry.name);
			if (entry.isDirectory()) {
				walk(full);
			} else if (entry.isFile()) {
				files.set(full, fs.readFileSync(full, 'utf8'));
			}
		}
	};

	walk(sandbox);
	return files;
}

describe('values from the deployment win over guesses', () => {
	it('an astakosBaseUrl that differs from ASTAKOS_BASE_URL in force: run refuses before any change, naming both values and their sources', async () => {
		const {sandbox, answersFile, state, file} = await sandboxWith('differs', answers => {
			answers['astakosBaseUrl'] = 'https://wrong.synnefo.test/';
		});
		const before = snapshot(sandbox);
		const result = await runCli(['run', '--yes', '--answers', answersFile, '--state-dir', state]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('the answers contradict the deployment; nothing was changed');
		expect(result.stderr).toContain(`astakosBaseUrl: your answer is 'https://wrong.synnefo.test/' (answers file, saved answers or --set) but ASTAKOS_BASE_URL in force on cyclades, set in ${file('cyclades', 'etc/synnefo/20-snf-cyclades-app-api.conf')} says 'https://accounts.synnefo.test/astakos/'`);
		expect(result.stderr).toContain(`ASTAKOS_BASE_URL in force on pithos, set in ${file('pithos', 'etc/synnefo/20-snf-pithos-app-settings.conf')}`);
		expect(result.stdout).not.toMatch(/running|done/);
		expect(snapshot(sandbox)).toEqual(before);
	}, 120_000);

	it('a UI URL that differs from component-list is refused too', async () => {
		const {answersFile, state} = await sandboxWith('ui-differs', answers => {
			answers['pithosUiUrl'] = 'https://storage.synnefo.test/other/ui';
		});
		const result = await runCli(['run', '--yes', '--dry-run', '--answers', answersFile, '--state-dir', state]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain("pithosUiUrl: your answer is 'https://storage.synnefo.test/other/ui' (answers file, saved answers or --set) but ui_url of pithos in snf-manage component-list on astakos says 'https://storage.synnefo.test/pithos/ui'");
	}, 120_000);

	it('without the answer the run uses the value in force, also where a 99-local.conf sets it, and ASTAKOS_AUTH_URL is built from it', async () => {
		const {answersFile, state, file} = await sandboxWith('from-host', answers => {
			delete answers['astakosBaseUrl'];
		});
		const real = 'https://id.other.test/accounts/';
		const cycladesApi = file('cyclades', 'etc/synnefo/20-snf-cyclades-app-api.conf');
		fs.writeFileSync(cycladesApi, fs.readFileSync(cycladesApi, 'utf8').replace("ASTAKOS_BASE_URL = 'https://accounts.synnefo.test/astakos/'", "ASTAKOS_BASE_URL = 'https://stale.test/'"));
		fs.writeFileSync(file('cyclades', 'etc/synnefo/99-local.conf'), `# local overrides\nASTAKOS_BASE_URL = '${real}'\n`);
		const pithosConf = file('pithos', 'etc/synnefo/20-snf-pithos-app-settings.conf');
		fs.writeFileSync(pithosConf, fs.readFileSync(pithosConf, 'utf8').replace("ASTAKOS_BASE_URL = 'https://accounts.synnefo.test/astakos/'", `ASTAKOS_BASE_URL = '${real}'`));
		const result = await runCli(['run', '--yes', '--only', 'auth-url', '--answers', answersFile, '--state-dir', state]);
		expect(result.stderr).not.toContain('FAILED');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('99-local.conf');
		for (const host of ['cyclades', 'pithos']) {
			const settings = readSettings(file(host, 'etc/synnefo'), ['ASTAKOS_AUTH_URL', 'ASTAKOS_BASE_URL']);
			expect(settings.ok && settings.values).toEqual({ASTAKOS_AUTH_URL: 'https://id.other.test/accounts/identity/v2.0'});
		}
	}, 120_000);
});
