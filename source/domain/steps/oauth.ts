import {oauthClientRegistered} from '../parsers/checks.js';
import type {StepDefinition} from '../plan-types.js';
import {argv, edit, pithosSettingsConf, probe, settingsFile} from './builders.js';
import {editedSettingsProbes} from './settings-probe.js';
import {snfManageWithSecretOnStdin} from './snf-manage-stdin.js';

export const oauthClient: StepDefinition = {
	id: 'oauth-client',
	section: 'oauth',
	title: 'Register the Pithos view as a trusted OAuth 2.0 client in Astakos',
	why: 'From v0.15 the Pithos view must be granted access by Astakos and authenticates itself as an OAuth 2.0 client with a secret; a trusted client is granted access on behalf of the resource owner.',
	notes: [
		'The secret is not put on the command line (every local user reads argv in /proc, auditd logs it): the step runs `snf-manage oauth2-client-add --secret=•••• --is-trusted --url <redirect_uri> -- <identifier>` through snf-manage\'s own entry point, `python -c \'…synnefo.webproject.manage import main…\'`, which reads the secret from stdin (shown as `printf \'%s\\n\' •••• |`) and hands it to Django inside the process (facts §3.2).',
		'An existing client cannot be added again (the unique identifier gives an IntegrityError, exit 1), and its secret cannot be read back: when the client is already registered this step is done, and pithosOauthSecret must be the secret it was registered with — otherwise run `snf-manage oauth2-client-remove <identifier>` and run the step again.',
		'The redirect URI is PITHOS_BASE_URL + /ui/view; Astakos also accepts any URI below it.',
	],
	actions(ctx) {
		// The identifier after `--`: optparse then never reads it as an option.
		return [
			snfManageWithSecretOnStdin(ctx.inventory.astakos, 'oauth2-client-add', '--secret', ctx.secretArg('pithosOauthSecret'), [
				'--is-trusted',
				'--url',
				ctx.text('pithosOauthRedirectUrl'),
				'--',
				ctx.text('pithosOauthClientId'),
			]),
		];
	},
	probes: ctx => [
		probe(
			ctx.inventory.astakos,
			argv('snf-manage', 'oauth2-client-list', '-o', 'id,identifier,redirect_urls,is_trusted', '--output-format=json'),
			`${ctx.text('pithosOauthClientId')} is registered and trusted`,
			oauthClientRegistered(ctx.text('pithosOauthClientId'), ctx.text('pithosOauthRedirectUrl')),
		),
	],
};

export const pithosOauthCredentials: StepDefinition = {
	id: 'pithos-oauth-credentials',
	section: 'oauth',
	title: 'Give Pithos its OAuth 2.0 client credentials',
	why: 'Pithos unpacks PITHOS_OAUTH2_CLIENT_CREDENTIALS as (client identifier, client secret) to authenticate with Astakos.',
	actions(ctx) {
		const {pithos} = ctx.inventory;
		return [
			edit(pithos, settingsFile(ctx, pithos, pithosSettingsConf), [
				{
					op: 'python-set',
					name: 'PITHOS_OAUTH2_CLIENT_CREDENTIALS',
					value: {tuple: [ctx.text('pithosOauthClientId'), ctx.secretValue('pithosOauthSecret')]},
				},
			], 'python'),
		];
	},
	probes: ctx => editedSettingsProbes(ctx, pithosOauthCredentials.actions(ctx)),
};
