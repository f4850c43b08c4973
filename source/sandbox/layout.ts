/** The sandbox's fixed shape: hosts, roles, URLs and versions of the simulated Synnefo 0.14.10 deployment. */

export const sandboxHosts = ['astakos', 'cyclades', 'pithos', 'stats', 'ganeti1-master', 'ganeti1-node2', 'ganeti2-master'] as const;
export type SandboxHost = (typeof sandboxHosts)[number];

export const markerFile = '.snf-sandbox';
export const stateFile = 'state.json';
export const answersFile = 'answers.json';

export const oldVersion = '0.14.10-1~wheezy';
export const newVersion = '0.15-1~wheezy';
export const vncOldVersion = '1.4-1~wheezy';
export const vncNewVersion = '1.5-1~wheezy';

export const urls = {
	astakosBase: 'https://accounts.synnefo.test/astakos/',
	astakosUi: 'https://accounts.synnefo.test/astakos/ui',
	cycladesUi: 'https://compute.synnefo.test/cyclades/ui',
	pithosUi: 'https://storage.synnefo.test/pithos/ui',
	pithosBase: 'https://storage.synnefo.test/pithos/',
	statsBase: 'https://stats.synnefo.test/stats/',
	oldStats: 'http://stats.synnefo.test',
} as const;

/** The deployment's own values that the upgrade must take from it (sandbox verify expects these, never the answers). */
export const createdWith = {astakosBaseUrl: urls.astakosBase, pithosBaseUrl: urls.pithosBase} as const;

/** Ganeti backends: Cyclades backend id, cluster name, master host, nodes. */
export const backendLayout = [
	{id: 1, clustername: 'ganeti1.synnefo.test', name: 'ganeti1', master: 'ganeti1-master', nodes: ['ganeti1-master', 'ganeti1-node2']},
	{id: 2, clustername: 'ganeti2.synnefo.test', name: 'ganeti2', master: 'ganeti2-master', nodes: ['ganeti2-master']},
] as const;

/** Ganeti nodes of the usual sandbox (ganeti1: master and node2; ganeti2: master). */
export const usualGanetiNodes = backendLayout.reduce((sum, backend) => sum + backend.nodes.length, 0);

/** A sandbox made with more Ganeti nodes gets them in ganeti1 as ganeti1-node3, ganeti1-node4 …, each like ganeti1-node2. */
export function extraGanetiNodes(ganetiNodes: number): string[] {
	return Array.from({length: Math.max(0, ganetiNodes - usualGanetiNodes)}, (_, index) => `ganeti1-node${index + 3}`);
}

/** The sandbox host whose files, packages and services a host gets: itself, or ganeti1-node2 for an extra node. */
export function modelHost(host: string): SandboxHost {
	return (sandboxHosts as readonly string[]).includes(host) ? host as SandboxHost : 'ganeti1-node2';
}

/** Packages installed per host at creation (version 0.14.10 unless named otherwise). */
export const hostPackages: Readonly<Record<SandboxHost, readonly string[]>> = {
	astakos: ['python-objpool', 'snf-common', 'python-astakosclient', 'snf-django-lib', 'snf-webproject', 'snf-branding', 'snf-astakos-app'],
	cyclades: ['python-objpool', 'snf-common', 'python-astakosclient', 'snf-django-lib', 'snf-webproject', 'snf-branding', 'snf-pithos-backend', 'snf-cyclades-app', 'snf-vncauthproxy'],
	pithos: ['python-objpool', 'snf-common', 'python-astakosclient', 'snf-django-lib', 'snf-webproject', 'snf-branding', 'snf-pithos-backend', 'snf-pithos-app', 'snf-pithos-webclient'],
	stats: ['python-objpool', 'snf-common', 'snf-django-lib', 'snf-webproject', 'snf-branding', 'snf-stats-app'],
	'ganeti1-master': ['python-objpool', 'snf-common', 'snf-cyclades-gtools', 'snf-pithos-backend', 'snf-network'],
	'ganeti1-node2': ['python-objpool', 'snf-common', 'snf-cyclades-gtools', 'snf-pithos-backend', 'snf-network'],
	'ganeti2-master': ['python-objpool', 'snf-common', 'snf-cyclades-gtools', 'snf-pithos-backend', 'snf-network'],
};

/** Init scripts per host and whether they run at creation. */
export const hostServices: Readonly<Record<SandboxHost, readonly string[]>> = {
	astakos: ['gunicorn', 'apache2', 'postgresql', 'shibd'],
	cyclades: ['gunicorn', 'snf-dispatcher', 'vncauthproxy', 'apache2'],
	pithos: ['gunicorn', 'apache2'],
	stats: ['gunicorn', 'apache2', 'collectd'],
	'ganeti1-master': ['ganeti', 'snf-ganeti-eventd', 'nfdhcpd'],
	'ganeti1-node2': ['ganeti', 'nfdhcpd'],
	'ganeti2-master': ['ganeti', 'snf-ganeti-eventd', 'nfdhcpd'],
};

/** Target version of a package when apt-get installs it. */
export function candidateVersion(name: string): string | undefined {
	if (name === 'snf-vncauthproxy') {
		return vncNewVersion;
	}

	if (name === 'python-objpool') {
		return '0.3-1~wheezy';
	}

	return knownPackages.has(name) ? newVersion : undefined;
}

export function initialVersion(name: string): string {
	if (name === 'snf-vncauthproxy') {
		return vncOldVersion;
	}

	return name === 'python-objpool' ? '0.2-1~wheezy' : oldVersion;
}

const knownPackages = new Set([
	...Object.values(hostPackages).flat(),
	'snf-cyclades-app',
	'snf-astakos-app',
	'snf-image',
]);
