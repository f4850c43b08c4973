import path from 'node:path';
import {deriveAuthUrl, derivePithosViewUrl} from '../../domain/answers-schema.js';
import {readSettings} from '../python-settings.js';
import {check, withoutSlash} from './check.js';
import type {Check, VerifyInput} from './check.js';

/** v0.15 fills %s with the NIC name; a left-over 0.14 ':0:' override breaks the per-NIC tags (facts §1.1, §8 warning 12). */
const firewallTags = ['GANETI_FIREWALL_ENABLED_TAG', 'GANETI_FIREWALL_DISABLED_TAG', 'GANETI_FIREWALL_PROTECTED_TAG'];
const vncKeys = ['auth_user', 'auth_password', 'server_address', 'server_port', 'enable_ssl', 'ca_cert', 'strict'];
const names = ['ASTAKOS_BASE_URL', 'ASTAKOS_AUTH_URL', 'PITHOS_OAUTH2_CLIENT_CREDENTIALS', 'CYCLADES_VNCAUTHPROXY_OPTS', 'CYCLADES_STATS_SECRET_KEY', 'STATS_SECRET_KEY', 'STATS_BASE_URL', 'CPU_BAR_GRAPH_URL', 'CPU_TIMESERIES_GRAPH_URL', 'NET_BAR_GRAPH_URL', 'NET_TIMESERIES_GRAPH_URL', 'ASTAKOS_SHIBBOLETH_MIGRATE_EPPN', 'ASTAKOS_IM_MODULES', ...firewallTags];
const show = (value: unknown) => (value === undefined ? 'not set' : JSON.stringify(value));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Settings read by executing each host's settings files with python3 (facts §0). */
export function settingsChecks({directory, state, answers, deployment}: VerifyInput): Check[] {
	const checks: Check[] = [];
	const values: Record<string, Record<string, unknown>> = {};
	for (const host of ['astakos', 'cyclades', 'pithos', 'stats']) {
		const result = readSettings(path.join(directory, host, 'etc/synnefo'), names);
		checks.push(check(`settings of ${host} compile`, result.ok, result.ok ? '' : result.message));
		values[host] = result.ok ? result.values : {};
	}

	const {astakos = {}, cyclades = {}, pithos = {}, stats = {}} = values;
	const authUrl = deriveAuthUrl(deployment.astakosBaseUrl);
	for (const [host, settings] of [['cyclades', cyclades], ['pithos', pithos]] as const) {
		checks.push(check(`ASTAKOS_AUTH_URL on ${host}`, settings['ASTAKOS_AUTH_URL'] === authUrl, `expected '${authUrl}', found ${show(settings['ASTAKOS_AUTH_URL'])}`));
		checks.push(check(`no ASTAKOS_BASE_URL on ${host}`, settings['ASTAKOS_BASE_URL'] === undefined, `still set to ${show(settings['ASTAKOS_BASE_URL'])}`));
	}

	checks.push(check('ASTAKOS_BASE_URL kept on astakos', typeof astakos['ASTAKOS_BASE_URL'] === 'string', 'missing on the Astakos host'));

	const credentials = pithos['PITHOS_OAUTH2_CLIENT_CREDENTIALS'];
	const client = state.oauthClients.find(candidate => candidate.identifier === answers.pithosOauthClientId);
	const credentialsOk = Array.isArray(credentials) && credentials[0] === answers.pithosOauthClientId && credentials[1] === answers.pithosOauthSecret && client?.secret === credentials[1];
	checks.push(check('PITHOS_OAUTH2_CLIENT_CREDENTIALS match the registered client', credentialsOk, Array.isArray(credentials) ? `identifier '${String(credentials[0])}', secret ${credentials[1] === client?.secret ? 'matches' : 'does not match'} the client registered in Astakos` : `found ${credentials === undefined ? 'not set' : 'a value that is not a 2-tuple'}`));
	const redirect = derivePithosViewUrl(deployment.pithosBaseUrl);
	checks.push(check('OAuth client registered, trusted, with the redirect URI', Boolean(client?.isTrusted && client.redirectUrls.includes(redirect)), client ? `trusted=${client.isTrusted}, redirect URLs ${client.redirectUrls.join(', ')} (expected ${redirect})` : `no client '${answers.pithosOauthClientId}'`));

	const options = cyclades['CYCLADES_VNCAUTHPROXY_OPTS'] as Record<string, unknown> | undefined;
	const keys = options && typeof options === 'object' ? Object.keys(options).sort() : [];
	checks.push(check('CYCLADES_VNCAUTHPROXY_OPTS has the 7 keys', same(keys, [...vncKeys].sort()), `keys: ${keys.join(', ') || 'not set'}`));
	const optionsOk = options !== undefined && options['auth_user'] === answers.vncUser && options['auth_password'] === answers.vncPassword && options['server_address'] === answers.vncServerAddress && options['server_port'] === answers.vncServerPort && options['enable_ssl'] === answers.vncEnableSsl;
	checks.push(check('CYCLADES_VNCAUTHPROXY_OPTS match the vncauthproxy user and daemon', optionsOk, options ? `auth_user ${show(options['auth_user'])}, password ${options['auth_password'] === answers.vncPassword ? 'matches' : 'differs'}, server ${show(options['server_address'])}:${show(options['server_port'])}, ssl ${show(options['enable_ssl'])}` : 'not set'));

	const keysOk = stats['STATS_SECRET_KEY'] === answers.statsSecretKey && cyclades['CYCLADES_STATS_SECRET_KEY'] === answers.statsSecretKey;
	checks.push(check('STATS_SECRET_KEY equals CYCLADES_STATS_SECRET_KEY', keysOk, `STATS_SECRET_KEY ${stats['STATS_SECRET_KEY'] === undefined ? 'not set' : 'set'}, CYCLADES_STATS_SECRET_KEY ${cyclades['CYCLADES_STATS_SECRET_KEY'] === undefined ? 'not set' : 'set'}, ${stats['STATS_SECRET_KEY'] === cyclades['CYCLADES_STATS_SECRET_KEY'] ? 'equal' : 'different'}`));
	checks.push(check('STATS_BASE_URL on stats', stats['STATS_BASE_URL'] === answers.statsBaseUrl, `expected '${answers.statsBaseUrl}', found ${show(stats['STATS_BASE_URL'])}`));
	const graphs = {CPU_BAR_GRAPH_URL: 'cpu-bar', CPU_TIMESERIES_GRAPH_URL: 'cpu-ts', NET_BAR_GRAPH_URL: 'net-bar', NET_TIMESERIES_GRAPH_URL: 'net-ts'};
	for (const [name, type] of Object.entries(graphs)) {
		const expected = `${withoutSlash(answers.statsBaseUrl)}/v1.0/${type}/%s`;
		checks.push(check(`${name} on cyclades`, cyclades[name] === expected, `expected '${expected}', found ${show(cyclades[name])}`));
	}

	const oldTags = firewallTags.filter(name => cyclades[name] !== undefined && !String(cyclades[name]).includes('%s'));
	checks.push(check('firewall tags on cyclades use %s', oldTags.length === 0, oldTags.map(name => `${name} = ${show(cyclades[name])}`).join(', ')));

	const migrate = answers.shibbolethRemoteUser.split(' ')[0] !== 'eppn';
	checks.push(check('ASTAKOS_SHIBBOLETH_MIGRATE_EPPN on astakos', (astakos['ASTAKOS_SHIBBOLETH_MIGRATE_EPPN'] ?? false) === migrate, `expected ${migrate ? 'True' : 'False'}, found ${show(astakos['ASTAKOS_SHIBBOLETH_MIGRATE_EPPN'])}`));
	return checks;
}
