import type {Reading} from '../deployment-reading.js';
import type {DeploymentReading} from '../deployment-reading.js';
import type {GanetiBackend, Host} from '../inventory-types.js';
import type {IpolicySpecs} from '../parsers/ispecs.js';
import {describeSettingsError} from '../parsers/settings-in-force.js';
import {preflightRow, type PreflightRow} from './check-types.js';

/** What the preflight of `check` has read, besides the deployment reading. */
export interface PreflightInput {
	/** Every host the plan uses, with why it could not be reached (undefined: reachable, host key known, login works). */
	readonly reachable: ReadonlyArray<{readonly host: Host; readonly problem?: string}>;
	/** `id -u` run as root (directly or through sudo -n), per host id. */
	readonly rootAccess: ReadonlyMap<string, Reading<string>>;
	readonly deployment: DeploymentReading;
	/** Synnefo hosts (snf-common must be 0.14.x or the upgrade's 0.15). */
	readonly synnefoHosts: readonly Host[];
	/** Hosts served through snf-webproject (Astakos, Cyclades, Pithos, stats): snf-webproject = snf-common. */
	readonly webHosts: readonly Host[];
	readonly cyclades: Host;
	readonly stats?: Host;
	readonly backends: readonly GanetiBackend[];
	/** `gnt-cluster --version` per master host id: the version number. */
	readonly ganetiVersions: ReadonlyMap<string, Reading<string>>;
	/** `gnt-cluster show-ispecs-cmd` per master host id. */
	readonly ispecs: ReadonlyMap<string, Reading<IpolicySpecs>>;
	/** Free KiB where the backups go, on the database host. */
	readonly backupSpace?: {readonly host: Host; readonly directory: string; readonly free: Reading<number>};
	/** nicsBackendId is set: an offline backend is then only a warning. */
	readonly nicsBackendId?: number;
}

const minimumBackupKiB = 1024 * 1024;

function versionAtLeast(version: string, major: number, minor: number): boolean | undefined {
	const match = /^(\d+)\.(\d+)/.exec(version);
	return match === null ? undefined : Number(match[1]) > major || (Number(match[1]) === major && Number(match[2]) >= minor);
}

function reachability(input: PreflightInput): PreflightRow[] {
	return input.reachable.flatMap(({host, problem}) => {
		const root = input.rootAccess.get(host.id);
		const rootRow = root === undefined
			? []
			: [root.ok && root.value.trim() === '0'
				? preflightRow('root or sudo -n', host.id, 'PASS', host.sudo ? 'sudo without a terminal works (id -u = 0)' : 'logged in as root')
				: preflightRow('root or sudo -n', host.id, 'FAIL', root.ok ? `commands as root run as uid ${root.value.trim()}` : root.problem)];
		return [problem === undefined ? preflightRow('reachable, known host key', host.id, 'PASS', host.label) : preflightRow('reachable, known host key', host.id, 'FAIL', problem), ...rootRow];
	});
}

function versionRows(input: PreflightInput): PreflightRow[] {
	return input.synnefoHosts.flatMap(host => {
		const reading = input.deployment.versions.get(host.id);
		if (reading === undefined) {
			return [];
		}

		if (!reading.ok) {
			return [preflightRow('Synnefo 0.14.x', host.id, 'FAIL', reading.problem)];
		}

		const common = reading.value.get('snf-common');
		const rows: PreflightRow[] = [];
		if (common === undefined) {
			rows.push(preflightRow('Synnefo 0.14.x', host.id, 'FAIL', 'snf-common is not installed'));
		} else if (common.startsWith('0.14.')) {
			rows.push(preflightRow('Synnefo 0.14.x', host.id, 'PASS', `snf-common ${common}`));
		} else {
			rows.push(preflightRow('Synnefo 0.14.x', host.id, common.startsWith('0.15') ? 'PASS' : 'FAIL', common.startsWith('0.15') ? `snf-common ${common}: already upgraded` : `snf-common ${common}: neither 0.14.x nor 0.15`));
		}

		const cyclades = reading.value.get('snf-cyclades-app');
		if (host.id === input.cyclades.id && cyclades !== undefined && !cyclades.startsWith('0.15')) {
			rows.push(preflightRow('0.14.10 for add_unique_name_to_nics', host.id, cyclades.startsWith('0.14.10') ? 'PASS' : 'FAIL', `snf-cyclades-app ${cyclades}${cyclades.startsWith('0.14.10') ? '' : ': the NIC tool ships with 0.14.10; upgrade to 0.14.10 first'}`));
		}

		if (input.webHosts.some(web => web.id === host.id)) {
			const webproject = reading.value.get('snf-webproject');
			rows.push(webproject === common && common !== undefined
				? preflightRow('snf-webproject = snf-common', host.id, 'PASS', `both ${common}`)
				: preflightRow('snf-webproject = snf-common', host.id, 'FAIL', `snf-common ${common ?? 'not installed'}, snf-webproject ${webproject ?? 'not installed'}`));
		}

		return rows;
	});
}

function settingsRows(input: PreflightInput): PreflightRow[] {
	const rows = [...input.deployment.settings].map(([host, reading]) => {
		if (!reading.ok) {
			return preflightRow('settings compile', host, 'FAIL', reading.problem);
		}

		const settings = reading.value;
		if (!settings.ok) {
			return preflightRow('settings compile', host, 'FAIL', describeSettingsError(settings.error));
		}

		return settings.missingDirectory
			? preflightRow('settings compile', host, 'WARN', `no settings directory ${settings.directory}`)
			: preflightRow('settings compile', host, 'PASS', `${settings.files.length} files run with Python ${settings.python}`);
	});
	const stats = input.stats === undefined ? undefined : input.deployment.settings.get(input.stats.id);
	if (input.stats !== undefined && stats?.ok && stats.value.ok) {
		const names = stats.value.files.map(file => file.slice(file.lastIndexOf('/') + 1));
		const right = names.includes('20-snf-stats-app-settings.conf');
		const wrong = names.includes('20-snf-stats-settings.conf');
		rows.push(preflightRow('stats settings file name', input.stats.id, wrong ? 'WARN' : right ? 'PASS' : 'WARN', wrong ? '20-snf-stats-settings.conf exists: the shipped name is 20-snf-stats-app-settings.conf (the notes misname it); merge it there' : right ? '20-snf-stats-app-settings.conf' : 'no 20-snf-stats-app-settings.conf'));
	}

	return rows;
}

function cycladesSettings(input: PreflightInput) {
	const reading = input.deployment.settings.get(input.cyclades.id);
	return reading?.ok && reading.value.ok ? reading.value.settings : undefined;
}

function firewallRows(input: PreflightInput): PreflightRow[] {
	const settings = cycladesSettings(input);
	if (settings === undefined) {
		return [];
	}

	const old = [...settings.values()].filter(setting => /^GANETI_FIREWALL_[A-Z]+_TAG$/.test(setting.name) && typeof setting.json === 'string' && setting.json.includes(':0:'));
	return [old.length === 0
		? preflightRow("':0:' firewall tag overrides", input.cyclades.id, 'PASS', 'none')
		: preflightRow("':0:' firewall tag overrides", input.cyclades.id, 'WARN', `${old.map(setting => `${setting.name} in ${setting.file}`).join(', ')}: section 2.3 changes them to %s`)];
}

function nicRows(input: PreflightInput): PreflightRow[] {
	const settings = cycladesSettings(input);
	const setting = settings?.get('GANETI_MAX_NICS_PER_INSTANCE');
	const maxNics = typeof setting?.json === 'number' ? setting.json : 8;
	const shown = setting === undefined ? '8 (the code default)' : String(setting.json);
	return input.backends.flatMap(backend => {
		const specs = input.ispecs.get(backend.master.id);
		if (specs === undefined || settings === undefined) {
			return [];
		}

		if (!specs.ok) {
			return [preflightRow('GANETI_MAX_NICS_PER_INSTANCE within the policy', backend.master.id, 'WARN', `cannot tell: ${specs.problem}`)];
		}

		const limit = Math.min(...specs.value.bounds.map(bound => bound.max['nic-count'] ?? Number.POSITIVE_INFINITY));
		return [maxNics <= Math.max(limit, 32)
			? preflightRow('GANETI_MAX_NICS_PER_INSTANCE within the policy', backend.master.id, 'PASS', `${shown} ≤ max:nic-count ${limit}${limit < 32 ? ' (raised to 32 in section 0)' : ''}`)
			: preflightRow('GANETI_MAX_NICS_PER_INSTANCE within the policy', backend.master.id, 'FAIL', `${shown} > max:nic-count ${Math.max(limit, 32)} of backend ${backend.name}`)];
	});
}

function ganetiRows(input: PreflightInput): PreflightRow[] {
	const rows = [...input.ganetiVersions].map(([host, reading]) => {
		if (!reading.ok) {
			return preflightRow('Ganeti ≥ 2.8', host, 'FAIL', reading.problem);
		}

		const atLeast = versionAtLeast(reading.value, 2, 8);
		return preflightRow('Ganeti ≥ 2.8', host, atLeast === true ? 'PASS' : 'FAIL', atLeast === undefined ? `cannot read the version ${JSON.stringify(reading.value)}` : `Ganeti ${reading.value}`);
	});
	const backends = input.deployment.backends;
	if (backends !== undefined) {
		const offline = backends.ok ? backends.value.filter(backend => backend.offline) : [];
		rows.push(!backends.ok
			? preflightRow('no offline backend', input.cyclades.id, 'FAIL', backends.problem)
			: offline.length === 0
				? preflightRow('no offline backend', input.cyclades.id, 'PASS', `${backends.value.length} backends, none offline`)
				: preflightRow('no offline backend', input.cyclades.id, input.nicsBackendId === undefined ? 'FAIL' : 'WARN', `offline: ${offline.map(backend => `${backend.clustername} (id ${backend.id})`).join(', ')}: add_unique_name_to_nics refuses to run on all backends; set nicsBackendId`));
	}

	return rows;
}

function spaceRows(input: PreflightInput): PreflightRow[] {
	const space = input.backupSpace;
	if (space === undefined) {
		return [];
	}

	if (!space.free.ok) {
		return [preflightRow('free space for the backups', space.host.id, 'WARN', `cannot tell: ${space.free.problem}`)];
	}

	const gib = (space.free.value / 1024 / 1024).toFixed(1);
	return [preflightRow('free space for the backups', space.host.id, space.free.value >= minimumBackupKiB ? 'PASS' : 'WARN', `${gib} GiB free for ${space.directory} (compare with the size of the databases)`)];
}

/** Every preflight check of `check`, PASS / WARN / FAIL with one line of evidence (answers vs hosts are added by the caller). */
export function preflightRows(input: PreflightInput): PreflightRow[] {
	return [...reachability(input), ...versionRows(input), ...ganetiRows(input), ...settingsRows(input), ...firewallRows(input), ...nicRows(input), ...spaceRows(input)];
}
