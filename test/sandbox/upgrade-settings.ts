import fs from 'node:fs';
import {deriveAuthUrl, derivePithosViewUrl} from '../../source/domain/answers-schema.js';
import type {Sandbox} from './helpers.js';
import {appendSettings, commentOut, dumpDatabases, ok} from './upgrade-steps.js';

/** Settings, OAuth client, vncauthproxy, stats and Shibboleth (runbook 2.3–2.7), by hand. */
export function configure(sandbox: Sandbox): void {
	const {answers} = sandbox.document;
	const auth = deriveAuthUrl(answers.astakosBaseUrl);
	commentOut(sandbox, 'cyclades', '20-snf-cyclades-app-api.conf', 'ASTAKOS_BASE_URL');
	commentOut(sandbox, 'pithos', '20-snf-pithos-app-settings.conf', 'ASTAKOS_BASE_URL');
	appendSettings(sandbox, 'pithos', '20-snf-pithos-app-settings.conf', `ASTAKOS_AUTH_URL = '${auth}'\nPITHOS_OAUTH2_CLIENT_CREDENTIALS = ('${answers.pithosOauthClientId}', '${answers.pithosOauthSecret}')`);
	ok(sandbox, 'astakos', `snf-manage oauth2-client-add ${answers.pithosOauthClientId} --secret=${answers.pithosOauthSecret} --is-trusted --url ${derivePithosViewUrl(answers.pithosBaseUrl)}`);

	const users = sandbox.file('cyclades', 'var/lib/vncauthproxy/users');
	ok(sandbox, 'cyclades', `vncauthproxy-passwd ${users} ${answers.vncUser}`, `${answers.vncPassword}\n`);
	const stats = answers.statsBaseUrl.replace(/\/+$/, '');
	appendSettings(sandbox, 'cyclades', '20-snf-cyclades-app-api.conf', [
		`ASTAKOS_AUTH_URL = '${auth}'`,
		`CYCLADES_VNCAUTHPROXY_OPTS = {'auth_user': '${answers.vncUser}', 'auth_password': '${answers.vncPassword}', 'server_address': '127.0.0.1', 'server_port': 24999, 'enable_ssl': False, 'ca_cert': None, 'strict': False}`,
		`CYCLADES_STATS_SECRET_KEY = '${answers.statsSecretKey}'`,
		"GANETI_FIREWALL_PROTECTED_TAG = 'synnefo:network:%s:limited'",
		...['cpu-bar', 'cpu-ts', 'net-bar', 'net-ts'].map((type, index) => `${['CPU_BAR', 'CPU_TIMESERIES', 'NET_BAR', 'NET_TIMESERIES'][index]}_GRAPH_URL = '${stats}/v1.0/${type}/%s'`),
	].join('\n'));
	const defaults = sandbox.file('cyclades', 'etc/default/vncauthproxy');
	fs.writeFileSync(defaults, fs.readFileSync(defaults, 'utf8').replace(/^#CHUID=.*$/m, `CHUID="${answers.vncauthproxyChuid}"`));
	ok(sandbox, 'cyclades', 'service vncauthproxy restart');
	appendSettings(sandbox, 'stats', '20-snf-stats-app-settings.conf', `STATS_BASE_URL = '${answers.statsBaseUrl}'\nSTATS_SECRET_KEY = '${answers.statsSecretKey}'`);

	const shibboleth = sandbox.file('astakos', 'etc/shibboleth/shibboleth2.xml');
	fs.writeFileSync(shibboleth, fs.readFileSync(shibboleth, 'utf8').replace(/REMOTE_USER="[^"]*"/, `REMOTE_USER="${answers.shibbolethRemoteUser}"`));
	ok(sandbox, 'astakos', `shibd -t -c ${shibboleth} && service shibd restart`);
	appendSettings(sandbox, 'astakos', '20-snf-astakos-app-settings.conf', 'ASTAKOS_SHIBBOLETH_MIGRATE_EPPN = True');
}

/** Floating IPs, re-registration, quotas, quotaholder and services up (runbook 3–5). */
export function finish(sandbox: Sandbox): void {
	const {answers} = sandbox.document;
	ok(sandbox, 'cyclades', 'snf-manage network-modify --add-to-backend=2 1 && snf-manage network-modify --add-to-backend=1 2');
	for (const network of answers.floatingIpPoolNetworks) {
		ok(sandbox, 'cyclades', `snf-manage network-modify --floating-ip-pool=True ${network}`);
	}

	ok(sandbox, 'cyclades', sandbox.file('cyclades', 'usr/lib/synnefo/tools/update_to_floating_ips'));
	dumpDatabases(sandbox, 'after-floating-ips');
	for (const component of ['astakos', 'cyclades', 'pithos'] as const) {
		const ui = answers[`${component}UiUrl`];
		const base = ui.replace(/\/ui$/, '');
		ok(sandbox, 'astakos', `snf-manage component-modify ${component} --base-url ${base} --ui-url ${ui} --purge-services && snf-service-export ${component} ${base} | snf-manage service-import --json -`);
	}

	ok(sandbox, 'astakos', `snf-manage resource-modify cyclades.floating_ip --default-quota ${answers.quotaFloatingIp}`);
	ok(sandbox, 'astakos', `snf-manage user-modify --all --base-quota cyclades.floating_ip ${answers.quotaFloatingIp} -f`);
	ok(sandbox, 'astakos', 'service gunicorn start');
	ok(sandbox, 'cyclades', 'snf-manage reconcile-resources-cyclades --fix --force');
	dumpDatabases(sandbox, 'after-quotas');
	ok(sandbox, 'cyclades', 'service gunicorn start && service snf-dispatcher start');
	ok(sandbox, 'pithos', 'service gunicorn start');
	ok(sandbox, 'stats', 'service gunicorn start');
	ok(sandbox, 'ganeti1-master', 'service snf-ganeti-eventd start');
	ok(sandbox, 'ganeti2-master', 'service snf-ganeti-eventd start');
	// The networks were created while eventd was down: their backend rows stay PENDING until reconciled.
	ok(sandbox, 'cyclades', 'snf-manage reconcile-networks --fix-all');
}
