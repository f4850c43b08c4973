import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Probe, SecretArg} from '../../../source/domain/action-types.js';
import {status} from '../../helpers/verdict-status.js';
import {renderShell, shellQuote, shellStdin} from '../../../source/domain/shell-quote.js';
import {snfManageStdinProgram} from '../../../source/domain/steps/snf-manage-stdin.js';
import {applyEdits} from '../../../source/domain/transforms/apply-edits.js';
import {combinedInventory, commandsOf, editsOf, exampleStep, lines, oauthAddLine, output, pythonValues, secretEnv} from './plan-fixture.js';

const cycladesApi = `## Cyclades API settings
#ASTAKOS_BASE_URL = 'https://accounts.example.synnefo.org/'
ASTAKOS_BASE_URL = 'https://accounts.example.synnefo.org/'
#ASTAKOS_AUTH_URL = 'https://accounts.example.synnefo.org/identity/v2.0'
`;

describe('2.3 ASTAKOS_AUTH_URL', () => {
	it('edits the Cyclades api conf and the Pithos settings, never an Astakos file, with the derived URL', () => {
		const step = exampleStep('astakos-auth-url');
		const change = "comment out ASTAKOS_BASE_URL | set ASTAKOS_AUTH_URL = 'https://accounts.example.synnefo.org/identity/v2.0'";
		expect(lines(step)).toEqual([
			`cyclades: edit /etc/synnefo/20-snf-cyclades-app-api.conf: ${change}`,
			`pithos: edit /etc/synnefo/20-snf-pithos-app-settings.conf: ${change}`,
		]);
		expect(editsOf(step).every(action => action.validate === 'python')).toBe(true);
		expect(step.actions.some(action => action.kind === 'edit' && action.path.includes('astakos'))).toBe(false);
	});

	it('gives a file in which Python sees ASTAKOS_AUTH_URL and no ASTAKOS_BASE_URL', () => {
		const [cyclades] = editsOf(exampleStep('astakos-auth-url'));
		const edited = applyEdits(cycladesApi, cyclades!.edits, 'reveal');
		expect(pythonValues(edited, ['ASTAKOS_AUTH_URL', 'ASTAKOS_BASE_URL'])).toEqual({
			ASTAKOS_AUTH_URL: 'https://accounts.example.synnefo.org/identity/v2.0',
			ASTAKOS_BASE_URL: '<unset>',
		});
	});

	it('warns on a host that also runs Astakos, and follows settingsDir', () => {
		const step = exampleStep('astakos-auth-url', {inventory: combinedInventory(), set: {settingsDir: '/srv/synnefo/etc/'}});
		expect(editsOf(step).map(action => action.path)).toEqual(['/srv/synnefo/etc/20-snf-cyclades-app-api.conf', '/srv/synnefo/etc/20-snf-pithos-app-settings.conf']);
		expect(editsOf(step)[0]!.note).toMatch(/20-snf-astakos-app-settings\.conf/);
	});
});

describe('2.4 Pithos view OAuth 2.0 client', () => {
	it('registers the client on the Astakos host through snf-manage\'s entry point, the secret fed on stdin and shown masked', () => {
		const step = exampleStep('oauth-client');
		expect(lines(step)).toEqual([`astakos: ${oauthAddLine('https://storage.example.synnefo.org/pithos/ui/view')}`]);
		const [action] = commandsOf(step);
		expect(action).toMatchObject({mutates: true, asRoot: true, pty: false, prompts: []});
		expect(action!.shell.stdin).toEqual({secret: 'pithosOauthSecret', value: secretEnv.SNF_PITHOS_OAUTH_SECRET} satisfies SecretArg);
		// The line the executor runs holds no secret; the secret goes on stdin.
		const revealed = renderShell(action!.shell, 'reveal');
		expect(revealed).toBe(`python -c ${shellQuote(snfManageStdinProgram)} oauth2-client-add --secret --is-trusted --url https://storage.example.synnefo.org/pithos/ui/view -- pithos-view`);
		expect(revealed).not.toContain(secretEnv.SNF_PITHOS_OAUTH_SECRET);
		expect(shellStdin(action!.shell)).toBe(`${secretEnv.SNF_PITHOS_OAUTH_SECRET}\n`);
		expect(step.notes.join(' ')).toMatch(/IntegrityError/);
		expect(step.notes.join(' ')).toMatch(/not put on the command line.*stdin/);
	});

	it('is done when the client is listed as trusted with the redirect URL', () => {
		const [probe] = exampleStep('oauth-client').probes;
		expect(renderShell(probe!.shell, 'mask')).toBe('snf-manage oauth2-client-list -o id,identifier,redirect_urls,is_trusted --output-format=json');
		const listed = (trusted: string) => JSON.stringify([{id: '1', identifier: 'pithos-view', redirect_urls: 'https://storage.example.synnefo.org/pithos/ui/view', is_trusted: trusted}]);
		expect(probe!.isDone(output(listed('True'))).ok).toBe(true);
		expect(probe!.isDone(output(listed('False'))).ok).toBe(false);
		expect(probe!.isDone(output('[]')).ok).toBe(false);
	});

	it('writes PITHOS_OAUTH2_CLIENT_CREDENTIALS as an (identifier, secret) tuple in the Pithos settings', () => {
		const step = exampleStep('pithos-oauth-credentials', {set: {pithosOauthClientId: 'pithos-ui'}});
		expect(lines(step)).toEqual(["pithos: edit /etc/synnefo/20-snf-pithos-app-settings.conf: set PITHOS_OAUTH2_CLIENT_CREDENTIALS = ('pithos-ui', '••••')"]);
		const edited = applyEdits('#PITHOS_OAUTH2_CLIENT_CREDENTIALS = (None, None)\n', editsOf(step)[0]!.edits, 'reveal');
		expect(pythonValues(edited, ['PITHOS_OAUTH2_CLIENT_CREDENTIALS'])).toEqual({PITHOS_OAUTH2_CLIENT_CREDENTIALS: ['pithos-ui', secretEnv.SNF_PITHOS_OAUTH_SECRET]});
	});

	it('names the missing answers with placeholders when nothing is given', () => {
		const step = exampleStep('oauth-client', {unset: ['pithosBaseUrl', 'pithosOauthSecret']});
		expect(lines(step)).toEqual([`astakos: ${oauthAddLine("'<pithosOauthRedirectUrl>'")}`]);
		expect(step.missing).toEqual(['pithosOauthSecret', 'pithosOauthRedirectUrl']);
	});
});

describe("2.3 old ':0:' firewall tag overrides (facts §1.1, §8 warning 12)", () => {
	const runProbe = (probe: Probe) => {
		const result = spawnSync('sh', ['-c', renderShell(probe.shell, 'reveal')], {encoding: 'utf8'});
		const verdict = probe.isDone({exitCode: result.status, stdout: result.stdout, stderr: result.stderr});
		return {status: status(verdict), detail: verdict.detail};
	};

	const runFact = (directory: string): string => {
		const step = exampleStep('firewall-tags', {set: {settingsDir: directory}});
		const [request] = step.facts;
		expect(request!.host.id).toBe('cyclades');
		return execFileSync('sh', ['-c', renderShell(request!.shell, 'reveal')], {encoding: 'utf8'});
	};

	it('reads the live overrides with grep and rewrites each :0: one to %s in the file that sets it', () => {
		const directory = mkdtempSync(path.join(tmpdir(), 'snf-fw-'));
		const api = `${directory}/20-snf-cyclades-app-api.conf`;
		const local = `${directory}/99-local.conf`;
		writeFileSync(api, "#GANETI_FIREWALL_ENABLED_TAG = 'synnefo:network:0:protected'\nGANETI_FIREWALL_ENABLED_TAG = 'synnefo:network:0:protected'\nGANETI_FIREWALL_DISABLED_TAG = 'synnefo:network:%s:unprotected'\n");
		writeFileSync(local, 'GANETI_FIREWALL_PROTECTED_TAG = "synnefo:network:0:limited"  # ours\n');
		const found = runFact(directory);
		const step = exampleStep('firewall-tags', {set: {settingsDir: directory}, facts: {'firewall-tags': found}});
		expect(lines(step)).toEqual([
			`cyclades: edit ${api}: set GANETI_FIREWALL_ENABLED_TAG = 'synnefo:network:%s:protected'`,
			`cyclades: edit ${local}: set GANETI_FIREWALL_PROTECTED_TAG = 'synnefo:network:%s:limited'`,
		]);
		const [apiEdit, localEdit] = editsOf(step);
		expect(pythonValues(applyEdits(readFileSync(api, 'utf8'), apiEdit!.edits, 'reveal'), ['GANETI_FIREWALL_ENABLED_TAG', 'GANETI_FIREWALL_DISABLED_TAG'])).toEqual({
			GANETI_FIREWALL_ENABLED_TAG: 'synnefo:network:%s:protected',
			GANETI_FIREWALL_DISABLED_TAG: 'synnefo:network:%s:unprotected',
		});
		expect(pythonValues(applyEdits(readFileSync(local, 'utf8'), localEdit!.edits, 'reveal'), ['GANETI_FIREWALL_PROTECTED_TAG'])).toEqual({GANETI_FIREWALL_PROTECTED_TAG: 'synnefo:network:%s:limited'});
		const [probe] = step.probes;
		expect(runProbe(probe!)).toEqual({
			status: 'to do',
			detail: `still in force with :0:: GANETI_FIREWALL_ENABLED_TAG = "synnefo:network:0:protected" (set in ${api}); GANETI_FIREWALL_PROTECTED_TAG = "synnefo:network:0:limited" (set in ${local})`,
		});
		writeFileSync(api, "GANETI_FIREWALL_ENABLED_TAG = 'synnefo:network:%s:protected'\n");
		writeFileSync(local, '');
		expect(runProbe(probe!)).toEqual({status: 'done', detail: 'no firewall tag in force uses the old :0: form (1 of 3 overridden, the rest at the v0.15 defaults)'});
		// A later file that puts :0: back in force through an expression the grep would not see as a plain string.
		writeFileSync(local, "PREFIX = 'synnefo:network:0'\nGANETI_FIREWALL_DISABLED_TAG = PREFIX + ':unprotected'\n");
		expect(runProbe(probe!).status).toBe('to do');
	});

	it('a missing settings directory is never "no override": the fact fails and the probe cannot tell', () => {
		const directory = path.join(mkdtempSync(path.join(tmpdir(), 'snf-fw-')), 'absent');
		const step = exampleStep('firewall-tags', {set: {settingsDir: directory}});
		expect(() => runFact(directory)).toThrow();
		expect(runProbe(step.probes[0]!)).toEqual({status: 'cannot tell', detail: `${directory} does not exist`});
		// An empty directory (no *.conf) makes the fact fail too.
		mkdirSync(directory);
		expect(() => runFact(directory)).toThrow();
	});

	it('changes nothing when no live override uses :0: (grep finding nothing is not an error)', () => {
		const directory = mkdtempSync(path.join(tmpdir(), 'snf-fw-'));
		writeFileSync(`${directory}/20-snf-cyclades-app-api.conf`, "#GANETI_FIREWALL_ENABLED_TAG = 'synnefo:network:0:protected'\n");
		const found = runFact(directory);
		expect(found).toBe('');
		expect(exampleStep('firewall-tags', {set: {settingsDir: directory}, facts: {'firewall-tags': found}}).actions).toEqual([]);
	});

	it('stops with the line to change by hand when the value is not a plain string', () => {
		const found = "/etc/synnefo/99-local.conf:GANETI_FIREWALL_ENABLED_TAG = PREFIX + ':0:protected'\n";
		const [check] = commandsOf(exampleStep('firewall-tags', {facts: {'firewall-tags': found}}));
		expect(check).toMatchObject({mutates: false});
		expect(check!.check!(output('')).ok).toBe(false);
		expect(check!.note).toContain("PREFIX + ':0:protected'");
	});

	it('renders the v0.15 values with the fact as a placeholder before the hosts are read', () => {
		const step = exampleStep('firewall-tags');
		expect(step.missing).toEqual(['firewall-tags']);
		expect(lines(step)[0]).toContain("set GANETI_FIREWALL_ENABLED_TAG = 'synnefo:network:%s:protected'");
	});
});
