import type {Host} from '../inventory-types.js';
import type {CommandOutput, Verdict} from '../action-types.js';
import {versionsMatch} from '../parsers/checks.js';
import {installedVersions} from '../parsers/dpkg-query.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {aptInstall, command, dpkgQuery, ganetiNodes, parsedVerdict, probe, uniqueHosts, verdict, webHosts} from './builders.js';
import {settingsKeptThroughInstall} from './settings-kept.js';

const common = ['python-objpool', 'snf-common', 'python-astakosclient', 'snf-django-lib', 'snf-webproject', 'snf-branding'];

/** The v0.15 packages per host role (facts §6, not the runbook's truncated lists). */
export const rolePackages = {
	astakos: [...common, 'snf-astakos-app'],
	cyclades: [...common, 'snf-pithos-backend', 'snf-cyclades-app'],
	pithos: [...common, 'snf-pithos-backend', 'snf-pithos-app', 'snf-pithos-webclient'],
	ganeti: ['python-objpool', 'snf-common', 'snf-cyclades-gtools', 'snf-pithos-backend', 'snf-network'],
	stats: ['snf-stats-app'],
} as const;

/** Packages built from the Synnefo source tree: they carry the Synnefo version (python-objpool, snf-network and the web client do not). */
const synnefoBuilt = new Set([
	'snf-common',
	'python-astakosclient',
	'snf-django-lib',
	'snf-webproject',
	'snf-branding',
	'snf-astakos-app',
	'snf-pithos-backend',
	'snf-cyclades-app',
	'snf-pithos-app',
	'snf-cyclades-gtools',
	'snf-stats-app',
]);

/** Every listed package is installed at a version starting with prefix (dpkg-query output that does not account for each is "cannot tell"). */
export const installedAt = (packages: readonly string[], prefix: string) => (output: CommandOutput): Verdict => parsedVerdict(() => {
	const versions = installedVersions(output, packages);
	const wrong = packages.filter(name => !(versions.get(name) ?? '').startsWith(prefix));
	return wrong.length === 0
		? verdict(true, `${packages.join(', ')} at ${prefix}`)
		: verdict(false, wrong.map(name => `${name} ${versions.get(name) ?? 'not installed'}`).join(', '));
});

interface HostPackages {
	readonly host: Host;
	readonly packages: string[];
	readonly roles: string[];
}

/** Each machine once, with the union of its roles' packages in the facts' order. */
export function packagesByHost(ctx: PlanContext): HostPackages[] {
	const byHost = new Map<string, HostPackages>();
	const add = (host: Host, role: string, packages: readonly string[]) => {
		const entry = byHost.get(host.id) ?? {host, packages: [], roles: []};
		byHost.set(host.id, entry);
		entry.roles.push(role);
		for (const name of packages) {
			if (!entry.packages.includes(name)) {
				entry.packages.push(name);
			}
		}
	};

	const {inventory} = ctx;
	add(inventory.astakos, 'astakos', rolePackages.astakos);
	add(inventory.cyclades, 'cyclades', rolePackages.cyclades);
	add(inventory.pithos, 'pithos', rolePackages.pithos);
	for (const node of ganetiNodes(ctx)) {
		add(node, 'ganeti node', rolePackages.ganeti);
	}

	if (inventory.stats) {
		add(inventory.stats, 'stats', rolePackages.stats);
	}

	return [...byHost.values()];
}

export const installPackages: StepDefinition = {
	id: 'install-packages',
	section: 'packages',
	title: 'Install the v0.15 packages on every host',
	why: "Upgrades the Synnefo packages of each host's roles (Astakos, Cyclades, Pithos, every node of every Ganeti backend, the stats host). apt-get runs non-interactively; changed configuration files are kept or replaced as aptConffiles says.",
	notes: [
		'The package lists follow the facts (§6): the runbook\'s lists are cut short (Astakos also needs snf-astakos-app, Cyclades snf-cyclades-app, Pithos snf-pithos-app and snf-pithos-webclient, Ganeti nodes snf-network).',
		'The stats host gets snf-stats-app (facts §6).',
		'The apt sources of every host must already point at the v0.15 repository and the package lists be up to date.',
		'Installing starts services again: the next steps stop them (facts §8 warning 4).',
		'aptConffiles=new (--force-confnew) replaces every settings file you edited that 0.15 changed (20-snf-astakos-app-settings.conf, 20-snf-cyclades-app-api.conf, 20-snf-cyclades-app-backend.conf, 20-snf-cyclades-app-ui.conf, 20-snf-cyclades-app-userdata.conf, 20-snf-pithos-app-settings.conf, 20-snf-stats-app-settings.conf, 10-snf-webproject-deploy.conf and 10-snf-webproject-logging.conf) with the maintainer\'s all-commented version: PITHOS_BACKEND_DB_CONNECTION, the service tokens, SECRET_ENCRYPTION_KEY and ASTAKOS_IM_MODULES would be gone; dpkg keeps yours as NAME.dpkg-old, to merge back by hand (facts §8 warning 15). The next step\'s guardrail stops the run naming each key lost and its .dpkg-old.',
	],
	actions: ctx =>
		packagesByHost(ctx).map(({host, packages, roles}) =>
			aptInstall(ctx, host, packages, roles.length > 1 ? `one machine for ${roles.join(', ')}: the union of their packages` : undefined)),
	probes(ctx) {
		const version = ctx.text('expectedVersion');
		return packagesByHost(ctx).map(({host, packages}) => {
			const versioned = packages.filter(name => synnefoBuilt.has(name));
			return probe(host, dpkgQuery(versioned), `${versioned.join(', ')} at version ${version}`, installedAt(versioned, version), false);
		});
	},
};

/** The hosts served through snf-webproject: the web hosts and the stats host. */
function webprojectHosts(ctx: PlanContext): Host[] {
	return uniqueHosts([...webHosts(ctx), ...(ctx.inventory.stats ? [ctx.inventory.stats] : [])]);
}

export const checkWebprojectVersion: StepDefinition = {
	id: 'check-webproject-version',
	section: 'packages',
	title: 'Check that snf-webproject has the same version as snf-common',
	why: 'The notes insist snf-webproject and snf-common are the same version; a mismatch breaks every Django service (the stats host is served through snf-webproject too).',
	notes: ['Guardrail first: every settings key in force before the install is still in force (aptConffiles=new replaces each changed conffile with the all-commented maintainer version; dpkg keeps yours as NAME.dpkg-old).'],
	guards: settingsKeptThroughInstall,
	actions: ctx =>
		webprojectHosts(ctx).map(host =>
			command(host, dpkgQuery(['snf-common', 'snf-webproject']), {
				mutates: false,
				asRoot: false,
				check: versionsMatch(ctx.text('expectedVersion')),
			})),
	// Done only when the guardrail holds too: a probe saying done skips the step, and its guardrail with it.
	probes: ctx => [
		...webprojectHosts(ctx).map(host =>
			probe(host, dpkgQuery(['snf-common', 'snf-webproject']), `snf-webproject and snf-common are both ${ctx.text('expectedVersion')}`, versionsMatch(ctx.text('expectedVersion')), false)),
		...settingsKeptThroughInstall(ctx).map(guard => probe(guard.host, guard.shell, guard.description, guard.holds, guard.asRoot)),
	],
};
