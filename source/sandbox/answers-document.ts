import crypto from 'node:crypto';
import path from 'node:path';
import process from 'node:process';
import {backendLayout, urls} from './layout.js';

/** One host of the answers document: a local target rooted at DIR/<host>, shims first on PATH. */
export interface SandboxHostEntry {
	readonly name: string;
	readonly local: {readonly root: string; readonly env: Readonly<Record<string, string>>};
}

const usualPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function hostEntry(sandbox: string, name: string): SandboxHostEntry {
	const root = path.join(sandbox, name);
	return {
		name,
		local: {
			root,
			env: {
				PATH: `${path.join(sandbox, 'bin')}:${process.env['PATH'] || usualPath}`,
				SNF_SANDBOX: sandbox,
				SNF_SANDBOX_HOST: name,
				SYNNEFO_SETTINGS_DIR: path.join(root, 'etc/synnefo'),
			},
		},
	};
}

const secret = () => crypto.randomBytes(16).toString('hex');

/** DIR/answers.json: version 1, the inventory of the sandbox hosts (`extraNodes` in ganeti1) and every answer a full upgrade needs. */
export function answersDocument(sandbox: string, extraNodes: readonly string[] = []) {
	const host = (name: string) => hostEntry(sandbox, name);
	return {
		version: 1,
		inventory: {
			astakos: host('astakos'),
			cyclades: host('cyclades'),
			pithos: host('pithos'),
			stats: host('stats'),
			vncauthproxy: host('cyclades'),
			db: host('astakos'),
			ganeti: backendLayout.map(backend => ({name: backend.name, master: host(backend.master), nodes: [...backend.nodes, ...(backend.id === 1 ? extraNodes : [])].map(node => host(node))})),
		},
		answers: {
			settingsDir: '/etc/synnefo',
			toolsDir: '/usr/lib/synnefo/tools',
			backupDir: '/var/backups/snf-upgrade',
			vncauthproxyUsersFile: '/var/lib/vncauthproxy/users',
			vncauthproxyDefaultsFile: '/etc/default/vncauthproxy',
			shibbolethConfig: '/etc/shibboleth/shibboleth2.xml',
			ipolicyMinNicCount: 0,
			ipolicyMaxNicCount: 32,
			backupDatabases: ['snf_apps', 'snf_pithos'],
			aptConffiles: 'keep',
			expectedVersion: '0.15',
			astakosBaseUrl: urls.astakosBase,
			pithosBaseUrl: urls.pithosBase,
			pithosOauthClientId: 'pithos-view',
			pithosOauthSecret: secret(),
			vncUser: 'synnefo',
			vncPassword: secret(),
			vncServerAddress: '127.0.0.1',
			vncServerPort: 24999,
			vncEnableSsl: false,
			vncStrict: false,
			vncauthproxyChuid: 'vncauthproxy:vncauthproxy',
			statsBaseUrl: urls.statsBase,
			statsSecretKey: secret(),
			shibbolethEnabled: true,
			shibbolethRemoteUser: 'persistent-nameid persistent-id targeted-id',
			floatingIpPoolNetworks: ['1', '2'],
			convertPublicIps: 'all',
			componentRegistration: 'direct',
			astakosUiUrl: urls.astakosUi,
			cycladesUiUrl: urls.cycladesUi,
			pithosUiUrl: urls.pithosUi,
			quotaFloatingIp: '2',
			quotaApplyToExistingUsers: true,
			quotaExcludeUsers: [],
			startGanetiEventd: true,
		},
	};
}

export type AnswersDocument = ReturnType<typeof answersDocument>;
