import type {SandboxHost} from '../layout.js';
import {astakosCloudbar, astakosSettings} from './settings-astakos.js';
import {commonAdmins, gtoolsBackend, webprojectDatabase, webprojectDeploy} from './settings-common.js';
import {cycladesApi, cycladesBackend, cycladesPlankton, cycladesUi} from './settings-cyclades.js';
import {pithosSettings, pithosWebclient} from './settings-pithos.js';
import {statsSettings} from './settings-stats.js';
import {shibboleth2Xml} from './shibboleth.js';
import {vncDefault14} from './vncauthproxy-default.js';

const web = {
	'etc/synnefo/00-snf-common-admins.conf': commonAdmins,
	'etc/synnefo/10-snf-webproject-database.conf': webprojectDatabase,
	'etc/synnefo/10-snf-webproject-deploy.conf': webprojectDeploy,
};

const ganeti = {
	'etc/synnefo/00-snf-common-admins.conf': commonAdmins,
	'etc/synnefo/20-snf-cyclades-gtools-backend.conf': gtoolsBackend,
	'etc/default/snf-ganeti-eventd': 'SNF_EVENTD_ENABLE=true\nSNF_USER="root"\n',
	// The public networks are routed (IP_LESS_ROUTED): every node has their routing tables.
	'etc/iproute2/rt_tables': '#\n# reserved values\n#\n255\tlocal\n254\tmain\n253\tdefault\n0\tunspec\n#\n# local\n#\n100\tsnf-link-1\n101\tsnf-link-2\n',
};

/** The files of each host at creation, by path relative to the host's root. */
export const hostFiles: Readonly<Record<SandboxHost, Readonly<Record<string, string>>>> = {
	astakos: {
		...web,
		'etc/synnefo/20-snf-astakos-app-settings.conf': astakosSettings,
		'etc/synnefo/20-snf-astakos-app-cloudbar.conf': astakosCloudbar,
		'etc/shibboleth/shibboleth2.xml': shibboleth2Xml,
	},
	cyclades: {
		...web,
		'etc/synnefo/20-snf-cyclades-app-api.conf': cycladesApi,
		'etc/synnefo/20-snf-cyclades-app-backend.conf': cycladesBackend,
		'etc/synnefo/20-snf-cyclades-app-plankton.conf': cycladesPlankton,
		'etc/synnefo/20-snf-cyclades-app-ui.conf': cycladesUi,
		'etc/default/vncauthproxy': vncDefault14,
		'etc/default/snf-dispatcher': 'SNF_DSPTCH_ENABLE=true\nSNF_USER="www-data"\nSNF_DSPTCH_OPTS="--workers=2"\n',
	},
	pithos: {
		...web,
		'etc/synnefo/20-snf-pithos-app-settings.conf': pithosSettings,
		'etc/synnefo/20-snf-pithos-webclient-settings.conf': pithosWebclient,
	},
	stats: {
		...web,
		'etc/synnefo/20-snf-stats-app-settings.conf': statsSettings,
	},
	'ganeti1-master': ganeti,
	'ganeti1-node2': {...ganeti, 'etc/default/snf-ganeti-eventd': 'SNF_EVENTD_ENABLE=false\nSNF_USER="root"\n'},
	'ganeti2-master': ganeti,
};

/** Empty directories every sandbox has (the users file of vncauthproxy is created by the upgrade). */
export const hostDirectories: Readonly<Partial<Record<SandboxHost, readonly string[]>>> = {
	astakos: ['var/backups', 'var/lib/postgresql'],
	cyclades: ['var/lib/vncauthproxy', 'var/log/vncauthproxy', 'usr/lib/synnefo/tools'],
};
