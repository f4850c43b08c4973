import type {AnswerSpec, AnswerValue} from './answer-types.js';

const withoutTrailingSlashes = (url: string) => url.replace(/\/+$/, '');
const textOf = (value: AnswerValue | undefined) => (typeof value === 'string' && value !== '' ? value : undefined);

/** ASTAKOS_AUTH_URL = the old ASTAKOS_BASE_URL with `identity/v2.0` appended (facts §1.3). */
export const deriveAuthUrl = (baseUrl: string) => `${withoutTrailingSlashes(baseUrl)}/identity/v2.0`;
/** The Pithos view's redirect URI = PITHOS_BASE_URL + /ui/view (facts §3.2). */
export const derivePithosViewUrl = (pithosBaseUrl: string) => `${withoutTrailingSlashes(pithosBaseUrl)}/ui/view`;
/** A component's base URL = its UI URL without the trailing /ui (runbook §4.1). */
export const deriveComponentBaseUrl = (uiUrl: string) => withoutTrailingSlashes(uiUrl).replace(/\/ui$/, '');

const componentSpecs = (component: 'astakos' | 'cyclades' | 'pithos'): AnswerSpec[] => [
	{
		key: `${component}UiUrl`,
		type: 'url',
		section: 'register',
		description: `UI URL of the ${component} component (snf-manage component-list -o name,ui_url)`,
		fromHost: {roles: ['astakos'], reader: 'component-list', key: component, onDisagreement: 'refuse', what: `ui_url of ${component} in snf-manage component-list`},
	},
	{
		// Not `${component}BaseUrl`: astakosBaseUrl (the old ASTAKOS_BASE_URL) and pithosBaseUrl (PITHOS_BASE_URL) are other keys.
		key: `${component}ComponentBaseUrl`,
		type: 'url',
		section: 'register',
		description: `Base URL of the ${component} component for snf-component-register (default: its UI URL without /ui)`,
		derive: get => {
			const ui = textOf(get(`${component}UiUrl`));
			return ui ? deriveComponentBaseUrl(ui) : undefined;
		},
	},
];

/** Every value the runbook needs, in the order the wizard asks. */
export const answerSpecs: readonly AnswerSpec[] = [
	// Paths and access, used everywhere.
	{key: 'settingsDir', type: 'path', section: 'general', description: 'Synnefo settings directory on every host', default: '/etc/synnefo'},
	{key: 'toolsDir', type: 'path', section: 'general', description: 'Synnefo tools directory (add_unique_name_to_nics, update_to_floating_ips)', default: '/usr/lib/synnefo/tools'},
	{key: 'backupDir', type: 'path', section: 'general', description: 'Directory on the database host that receives the backups', default: '/var/backups/snf-upgrade'},
	{key: 'vncauthproxyUsersFile', type: 'path', section: 'general', description: 'vncauthproxy authentication (users) file', default: '/var/lib/vncauthproxy/users'},
	{key: 'vncauthproxyDefaultsFile', type: 'path', section: 'general', description: 'Debian defaults file of the vncauthproxy daemon', default: '/etc/default/vncauthproxy'},
	{key: 'shibbolethConfig', type: 'path', section: 'general', description: 'Shibboleth SP configuration on the Astakos host', default: '/etc/shibboleth/shibboleth2.xml'},
	{key: 'sudoPassword', type: 'secret', section: 'general', description: 'sudo password for non-root logins (unset: sudo must not ask)', optional: true},

	// 0 Before the upgrade.
	{key: 'nicsBackendId', type: 'integer', section: 'pre-upgrade', description: 'Run add_unique_name_to_nics on this backend only (needed while another backend is offline)', optional: true, min: 1},
	{key: 'ipolicyMinNicCount', type: 'integer', section: 'pre-upgrade', description: 'Ganeti ipolicy min:nic-count (VMs without NICs need 0)', default: 0, min: 0},
	{key: 'ipolicyMaxNicCount', type: 'integer', section: 'pre-upgrade', description: 'Ganeti ipolicy max:nic-count', default: 32, min: 1},

	// 1 Services down, backups.
	{key: 'backupDatabases', type: 'list', section: 'services-down', description: 'PostgreSQL databases to back up, one dump each', default: ['snf_apps', 'snf_pithos'], pattern: {regex: '^[A-Za-z_][A-Za-z0-9_]*$', expected: 'a PostgreSQL database name (letters, digits, _)'}},
	{key: 'backupCommand', type: 'string', section: 'services-down', description: 'Backup command run on the database host; {db} and {file} are replaced (shell-quoted)', default: 'su - postgres -c "pg_dump -Fc {db}" > {file}', pattern: {regex: '^(?=.*\\{db\\})(?=.*\\{file\\}).*$', expected: 'a command containing {db} and {file}'}},
	{key: 'stageBackups', type: 'boolean', section: 'services-down', description: 'Also dump every database after the migrations and after sections 3 and 4 (<db>-after-<stage>.dump), as the runbook suggests', default: true},

	// 2.1 Packages.
	{key: 'aptConffiles', type: 'choice', section: 'packages', description: 'When a package ships a new version of a configuration file you changed: keep yours (keep: confold) or take the new one (new: confnew). new replaces every settings file you edited that 0.15 changed (20-snf-astakos-app-settings.conf, 20-snf-cyclades-app-api.conf, 20-snf-cyclades-app-backend.conf, 20-snf-cyclades-app-ui.conf, 20-snf-cyclades-app-userdata.conf, 20-snf-pithos-app-settings.conf, 20-snf-stats-app-settings.conf, 10-snf-webproject-deploy.conf and 10-snf-webproject-logging.conf) with the maintainer\'s all-commented version: PITHOS_BACKEND_DB_CONNECTION, the service tokens, SECRET_ENCRYPTION_KEY and ASTAKOS_IM_MODULES would be gone; dpkg keeps yours as NAME.dpkg-old', default: 'keep', choices: ['keep', 'new']},
	{key: 'expectedVersion', type: 'string', section: 'packages', description: 'Version prefix the installed snf-common and snf-webproject must have', default: '0.15', pattern: {regex: '^[0-9][0-9A-Za-z.~+-]*$', expected: 'a Debian version prefix such as 0.15'}},

	// 2.3 ASTAKOS_AUTH_URL.
	{key: 'astakosBaseUrl', type: 'url', section: 'auth-url', description: 'The old ASTAKOS_BASE_URL', fromHost: {roles: ['cyclades', 'pithos'], reader: 'settings', key: 'ASTAKOS_BASE_URL', fallback: {key: 'ASTAKOS_AUTH_URL', suffix: '/identity/v2.0'}, onDisagreement: 'refuse', what: 'ASTAKOS_BASE_URL in force on Cyclades and Pithos'}},
	{
		key: 'astakosAuthUrl',
		type: 'url',
		section: 'auth-url',
		description: 'ASTAKOS_AUTH_URL for Cyclades and Pithos (default: base URL + identity/v2.0)',
		derive: get => {
			const base = textOf(get('astakosBaseUrl'));
			return base ? deriveAuthUrl(base) : undefined;
		},
	},

	// 2.4 Pithos view OAuth 2.0 client.
	{key: 'pithosBaseUrl', type: 'url', section: 'oauth', description: 'PITHOS_BASE_URL', fromHost: {roles: ['pithos'], reader: 'settings', key: 'PITHOS_BASE_URL', onDisagreement: 'refuse', what: 'PITHOS_BASE_URL in force on Pithos'}},
	{key: 'pithosOauthClientId', type: 'string', section: 'oauth', description: 'OAuth 2.0 client identifier of the Pithos view', default: 'pithos-view', pattern: {regex: '^[A-Za-z0-9_.-]+$', expected: 'letters, digits, ., _ or -'}},
	{key: 'pithosOauthSecret', type: 'secret', section: 'oauth', description: 'OAuth 2.0 client secret of the Pithos view', generate: true},
	{
		key: 'pithosOauthRedirectUrl',
		type: 'url',
		section: 'oauth',
		description: 'Redirect URI of the Pithos view (default: PITHOS_BASE_URL + /ui/view)',
		derive: get => {
			const base = textOf(get('pithosBaseUrl'));
			return base ? derivePithosViewUrl(base) : undefined;
		},
	},

	// 2.5 vncauthproxy.
	{key: 'vncUser', type: 'string', section: 'vncauthproxy', description: 'vncauthproxy user for Cyclades', default: 'synnefo', pattern: {regex: '^[a-z_][a-z0-9_]{0,30}$', expected: 'a lower-case name of at most 31 characters ([a-z_][a-z0-9_]*)'}},
	{key: 'vncPassword', type: 'secret', section: 'vncauthproxy', description: 'Password of that vncauthproxy user', generate: true},
	{key: 'vncServerAddress', type: 'string', section: 'vncauthproxy', description: 'vncauthproxy control socket address (must equal the daemon --listen-address)', default: '127.0.0.1', pattern: {regex: '^[A-Za-z0-9.:-]+$', expected: 'a host name or IP address'}},
	{key: 'vncServerPort', type: 'integer', section: 'vncauthproxy', description: 'vncauthproxy control socket port (must equal the daemon --listen-port)', default: 24999, min: 1, max: 65_535},
	{key: 'vncEnableSsl', type: 'boolean', section: 'vncauthproxy', description: 'TLS on the control socket (must match the daemon --enable-ssl)', default: false},
	{key: 'vncCaCert', type: 'path', section: 'vncauthproxy', description: 'CA certificate Cyclades checks the daemon against (unset: None)', optional: true},
	{key: 'vncStrict', type: 'boolean', section: 'vncauthproxy', description: 'Refuse a daemon certificate that does not verify (needs vncCaCert)', default: false},
	{key: 'vncauthproxyChuid', type: 'string', section: 'vncauthproxy', description: 'CHUID of the vncauthproxy daemon in its defaults file', default: 'vncauthproxy:vncauthproxy', pattern: {regex: '^[a-z_][a-z0-9_-]*:[a-z_][a-z0-9_-]*$', expected: 'user:group'}},

	// 2.6 Stats.
	{key: 'statsBaseUrl', type: 'url', section: 'stats', description: 'STATS_BASE_URL of the stats host', fromHost: {roles: ['stats'], reader: 'settings', key: 'STATS_BASE_URL', onDisagreement: 'default', what: 'STATS_BASE_URL in force on the stats host'}},
	{key: 'statsSecretKey', type: 'secret', section: 'stats', description: 'STATS_SECRET_KEY, also written as CYCLADES_STATS_SECRET_KEY', generate: true},
	{key: 'statsRrdMigrationCommand', type: 'string', section: 'stats', description: 'collectd RRD v4→v5 migration command to run on the stats host (unset: skipped)', optional: true},

	// 2.7 Shibboleth.
	{key: 'shibbolethEnabled', type: 'boolean', section: 'shibboleth', description: "Astakos uses Shibboleth ('shibboleth' in ASTAKOS_IM_MODULES)", default: false, fromHost: {roles: ['astakos'], reader: 'settings', key: 'ASTAKOS_IM_MODULES', contains: 'shibboleth', codeDefault: ['local'], onDisagreement: 'warn', what: "'shibboleth' in ASTAKOS_IM_MODULES in force on Astakos"}},
	{key: 'shibbolethRemoteUser', type: 'string', section: 'shibboleth', description: 'REMOTE_USER attribute list of ApplicationDefaults in shibboleth2.xml', default: 'eppn', fromHost: {roles: ['astakos'], reader: 'shibboleth2.xml', key: 'REMOTE_USER', onDisagreement: 'default', what: 'REMOTE_USER of ApplicationDefaults in shibboleth2.xml (keeping it changes nothing)'}, choices: ['eppn', 'persistent-nameid persistent-id targeted-id'], pattern: {regex: '^[A-Za-z0-9_:.-]+( [A-Za-z0-9_:.-]+)*$', expected: 'attribute ids separated by single spaces'}},
	{
		key: 'shibbolethMigrateEppn',
		type: 'boolean',
		section: 'shibboleth',
		description: 'ASTAKOS_SHIBBOLETH_MIGRATE_EPPN (default: true when REMOTE_USER no longer starts with eppn)',
		derive: get => {
			const remoteUser = textOf(get('shibbolethRemoteUser')) ?? 'eppn';
			return remoteUser.split(' ')[0] !== 'eppn';
		},
	},

	// 3 Floating IPs.
	{key: 'floatingIpPoolNetworks', type: 'list', section: 'floating-ips', description: 'IDs of the public networks to make floating IP pools', fromHost: {roles: ['cyclades'], reader: 'network-list', key: 'id', onDisagreement: 'default', what: 'every public network in snf-manage network-list --public'}, pattern: {regex: '^[1-9][0-9]*$', expected: 'a network ID (a positive integer)'}},
	{key: 'convertPublicIps', type: 'choice', section: 'floating-ips', description: 'Convert allocated public IPv4 addresses to floating IPs: none, all public networks, or only the pool networks', default: 'none', choices: ['none', 'all', 'pools']},

	// 4.1 Components.
	{key: 'componentRegistration', type: 'choice', section: 'register', description: 'Re-register with the commands snf-component-register runs (direct) or run the script and answer its questions (script)', default: 'direct', choices: ['direct', 'script']},
	...componentSpecs('astakos'),
	...componentSpecs('cyclades'),
	...componentSpecs('pithos'),

	// 4.2 Quotas.
	{key: 'quotaFloatingIp', type: 'quota', section: 'quotas', description: 'Default base quota of cyclades.floating_ip (the runbook suggests 2)', fromHost: {roles: ['astakos'], reader: 'resource-list', key: 'cyclades.floating_ip', onDisagreement: 'default', what: 'the current default quota of cyclades.floating_ip'}},
	{key: 'quotaTotalCpu', type: 'quota', section: 'quotas', description: 'Default base quota of cyclades.total_cpu (unset: stays infinite)', optional: true},
	{key: 'quotaTotalRam', type: 'quota', section: 'quotas', description: 'Default base quota of cyclades.total_ram, e.g. 40G (unset: stays infinite)', optional: true},
	{key: 'quotaApplyToExistingUsers', type: 'boolean', section: 'quotas', description: 'Also set these base quotas for every existing user (user-modify --all)', default: true},
	{key: 'quotaExcludeUsers', type: 'list', section: 'quotas', description: 'User UUIDs left out of the bulk base-quota change', default: [], pattern: {regex: '^[0-9a-fA-F-]{8,}$', expected: 'a user UUID'}},
	{key: 'resourcesApiVisible', type: 'list', section: 'quotas', description: 'Resources to make visible through the API', default: [], pattern: {regex: '^[a-z_]+\\.[a-z_]+$', expected: 'a resource name such as cyclades.total_cpu'}},
	{key: 'resourcesUiVisible', type: 'list', section: 'quotas', description: 'Resources to make visible in the web UI (implies API)', default: [], pattern: {regex: '^[a-z_]+\\.[a-z_]+$', expected: 'a resource name such as cyclades.total_cpu'}},

	// 5 Services up.
	{key: 'startGanetiEventd', type: 'boolean', section: 'services-up', description: 'Start snf-ganeti-eventd on every Ganeti master (the 0.15 notes omit it; it was stopped in section 1)', default: true},
];
