import {describe, expect, it} from 'vitest';
import type {SecretArg} from '../../../source/domain/action-types.js';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {applyEdits} from '../../../source/domain/transforms/apply-edits.js';
import {combinedInventory, commandsOf, editsOf, exampleStep, lines, output, pythonValues, secretEnv} from './plan-fixture.js';

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
	it('registers the client on the Astakos host; the shown command keeps the --secret option name with the value masked', () => {
		const step = exampleStep('oauth-client');
		// A masked `--secret=…` word would read `pithos-view •••• --is-trusted`: typed by hand with the secret in place, that is "Invalid number of arguments".
		expect(lines(step)).toEqual(['astakos: snf-manage oauth2-client-add pithos-view --secret •••• --is-trusted --url https://storage.example.synnefo.org/pithos/ui/view']);
		const [action] = commandsOf(step);
		expect(action).toMatchObject({mutates: true, asRoot: true});
		const argv = 'argv' in action!.shell.pipeline[0]! ? action!.shell.pipeline[0].argv : [];
		expect(argv[4]).toEqual({secret: 'pithosOauthSecret', value: secretEnv.SNF_PITHOS_OAUTH_SECRET} satisfies SecretArg);
		expect(renderShell(action!.shell, 'reveal')).toBe(`snf-manage oauth2-client-add pithos-view --secret ${secretEnv.SNF_PITHOS_OAUTH_SECRET} --is-trusted --url https://storage.example.synnefo.org/pithos/ui/view`);
		expect(step.notes.join(' ')).toMatch(/IntegrityError/);
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
		expect(lines(step)).toEqual(["astakos: snf-manage oauth2-client-add pithos-view --secret •••• --is-trusted --url '<pithosOauthRedirectUrl>'"]);
		expect(step.missing).toEqual(['pithosOauthSecret', 'pithosOauthRedirectUrl']);
	});
});
