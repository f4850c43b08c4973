import {deriveComponentBaseUrl} from '../../domain/answers-schema.js';
import {overridingGroupBounds} from '../initial-state.js';
import {oldVersion, vncNewVersion} from '../layout.js';
import type {IpolicySpec} from '../state-types.js';
import {pithosRevisions, southApps} from '../migrations.js';
import {cycladesUsage} from '../quota-usage.js';
import {parseQuantity} from '../shims/manage/units.js';
import {isRunning} from '../versions.js';
import {check} from './check.js';
import type {Check, VerifyInput} from './check.js';

/** Ganeti, Cyclades, Astakos and package state kept by the shims. */
export function stateChecks({state, answers}: VerifyInput): Check[] {
	const checks: Check[] = [];
	// max nic-count is max(what the sandbox was created with, the answer): the upgrade never lowers it.
	const bounds = (label: string, {min, max}: {min: IpolicySpec; max: IpolicySpec}, createdMax: number) => {
		const complete = Object.keys(min).length === 6 && Object.keys(max).length === 6;
		const wantedMax = Math.max(createdMax, answers.ipolicyMaxNicCount);
		const ok = complete && min['nic-count'] === answers.ipolicyMinNicCount && max['nic-count'] === wantedMax;
		checks.push(check(label, ok, `min:nic-count=${min['nic-count']}, max:nic-count=${max['nic-count']} (expected ${answers.ipolicyMinNicCount} and ${wantedMax})`));
	};

	for (const backend of state.backends) {
		bounds(`ipolicy bounds of ${backend.clustername}`, backend.ipolicy, 8);
		for (const group of backend.groups.filter(candidate => candidate.bounds !== null)) {
			bounds(`ipolicy bounds of node group ${group.name} of ${backend.clustername} (it overrides the cluster's)`, group.bounds!, backend.id === 2 ? overridingGroupBounds().max['nic-count'] : 8);
		}
	}

	const anonymous = state.instances.filter(server => server.nics.some(nic => nic.name === null)).map(server => `snf-${server.id}`);
	checks.push(check('every NIC has a name', anonymous.length === 0, `unnamed NICs on ${anonymous.join(', ')}`));
	const online = state.backends.filter(backend => !backend.offline).map(backend => backend.id);
	const partial = state.networks.filter(network => network.public && online.some(id => !network.backends.includes(id)));
	checks.push(check('public networks exist in every backend', partial.length === 0, partial.map(network => `network ${network.id} only in backends ${network.backends.join(',')}`).join('; ')));
	const pending = state.networks.filter(network => network.pending.length > 0);
	checks.push(check('no backend network left PENDING', pending.length === 0, pending.map(network => `network ${network.id} PENDING in backends ${network.pending.join(',')}`).join('; ')));
	const notPools = answers.floatingIpPoolNetworks.filter(id => !state.networks.find(network => String(network.id) === id)?.floatingIpPool);
	checks.push(check('floating IP pools', notPools.length === 0, `networks ${notPools.join(', ')} are not floating IP pools`));
	if (answers.convertPublicIps !== 'none') {
		const left = state.ips.filter(ip => !ip.floating && state.networks.find(network => network.id === ip.network)?.public);
		checks.push(check('public IPv4 addresses converted to floating IPs', left.length === 0, `${left.length} public addresses are not floating IPs`));
	}

	for (const [host, entry] of Object.entries(state.hosts)) {
		const old = Object.entries(entry.packages).filter(([name, version]) => version === oldVersion || (name === 'snf-vncauthproxy' && version !== vncNewVersion)).map(([name, version]) => `${name} ${version}`);
		const matched = entry.packages['snf-common'] === entry.packages['snf-webproject'] || entry.packages['snf-webproject'] === undefined;
		checks.push(check(`packages of ${host} upgraded`, old.length === 0 && matched, old.length > 0 ? `still ${old.join(', ')}` : `snf-common ${entry.packages['snf-common']} differs from snf-webproject ${entry.packages['snf-webproject']}`));
	}

	// The notes say to answer 'no' to Django's stale content types question (facts §3.13): 'yes' deletes them and every object that points at them.
	const staleKept = ['db | floatingip', 'db | floatingippool'].every(entry => state.staleContentTypes.includes(entry));
	checks.push(check("stale content types kept (answered 'no')", staleKept, `deleted: the stale content types question was answered 'yes' (now ${state.staleContentTypes.join(', ') || 'none'})`));
	const behind = southApps.filter(app => (state.migrations[app.app] ?? 0) < app.names.length).map(app => `${app.app} at ${app.names[(state.migrations[app.app] ?? 1) - 1] ?? 'none'}`);
	checks.push(check('snf_apps migrations at head', behind.length === 0, behind.join(', ')));
	checks.push(check('snf_pithos alembic revision at head', state.pithosRevision === pithosRevisions.head, `at ${state.pithosRevision}, head is ${pithosRevisions.head}`));

	for (const name of ['astakos', 'cyclades', 'pithos'] as const) {
		const component = state.components.find(candidate => candidate.name === name);
		const expected = deriveComponentBaseUrl(answers[`${name}UiUrl`]);
		checks.push(check(`component ${name} has its base URL`, component?.baseUrl === expected, `base_url ${component?.baseUrl ?? 'None'} (expected ${expected})`));
	}

	const quota = parseQuantity(answers.quotaFloatingIp);
	for (const name of ['cyclades.total_cpu', 'cyclades.total_ram', 'cyclades.floating_ip']) {
		const resource = state.resources.find(candidate => candidate.name === name);
		checks.push(check(`resource ${name} registered`, resource !== undefined, 'not registered (re-register the cyclades component)'));
	}

	const floating = state.resources.find(candidate => candidate.name === 'cyclades.floating_ip');
	checks.push(check('cyclades.floating_ip default quota', floating?.defaultQuota === quota, `default quota ${floating?.defaultQuota ?? 'none'} (expected ${quota})`));
	if (answers.quotaApplyToExistingUsers) {
		const excluded = new Set<string>(answers.quotaExcludeUsers);
		const wrong = state.users.filter(user => user.accepted && !excluded.has(user.uuid) && (user.baseQuota['cyclades.floating_ip'] ?? floating?.defaultQuota) !== quota).map(user => user.email);
		checks.push(check("existing users' cyclades.floating_ip base quota", wrong.length === 0, `not ${answers.quotaFloatingIp} for ${wrong.join(', ')}`));
	}

	const usage = cycladesUsage(state, '0.15');
	const unsynced = Object.entries(usage).flatMap(([user, resources]) => Object.entries(resources).filter(([resource, value]) => state.quotaholder[user]?.[resource] !== value).map(([resource]) => `${user} ${resource}`));
	checks.push(check('quotaholder in sync with Cyclades', unsynced.length === 0, `${unsynced.length} unsynced holdings, e.g. ${unsynced.slice(0, 2).join('; ')}`));

	const services: Array<[string, string]> = [
		...(['astakos', 'cyclades', 'pithos', 'stats'] as const).map(role => [state.roles[role], 'gunicorn'] as [string, string]),
		[state.roles.cyclades, 'snf-dispatcher'],
		[state.roles.vncauthproxy, 'vncauthproxy'],
		...(answers.startGanetiEventd ? state.backends.map(backend => [backend.master, 'snf-ganeti-eventd'] as [string, string]) : []),
	];
	for (const [host, service] of services) {
		checks.push(check(`${service} running on ${host}`, isRunning(state, host, service), 'stopped'));
	}

	return checks;
}
