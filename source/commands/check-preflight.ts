import {hostValuesFrom, type HostValues} from '../domain/answers/host-values.js';
import type {AnswerValue} from '../domain/answer-types.js';
import type {PreflightRow} from '../domain/check/check-types.js';
import {preflightRows} from '../domain/check/preflight-checks.js';
import type {Reading} from '../domain/deployment-reading.js';
import type {Host, Inventory} from '../domain/inventory-types.js';
import type {IpolicySpecs} from '../domain/parsers/ispecs.js';
import {uniqueHosts} from '../domain/steps/builders.js';
import {readFreeSpace, readGanetiVersion, readIspecs, readRootAccess} from '../readers/preflight-reads.js';
import type {ReadContext} from '../readers/read-command.js';
import {readDeployment} from '../readers/read-deployment.js';
import {mapWithLimit} from '../runner/fan-out.js';
import type {PreflightProblem} from '../runner/preflight.js';
import type {ExecutorSource} from '../runner/run-types.js';

/** Packages whose versions the preflight compares (facts §6). */
const packages = ['snf-common', 'snf-webproject', 'snf-cyclades-app', 'snf-astakos-app', 'snf-pithos-app', 'snf-stats-app', 'snf-cyclades-gtools'];
const settingNames = ['GANETI_MAX_NICS_PER_INSTANCE', 'GANETI_FIREWALL_ENABLED_TAG', 'GANETI_FIREWALL_DISABLED_TAG', 'GANETI_FIREWALL_PROTECTED_TAG'];

/** Runs every preflight reader on the reachable hosts (read-only, in parallel) and judges them. */
export async function checkPreflight(input: {
	readonly inventory: Inventory;
	readonly hosts: readonly Host[];
	readonly problems: readonly PreflightProblem[];
	readonly executors: ExecutorSource;
	readonly answers: {get(key: string): AnswerValue | undefined};
	readonly parallel: number;
	readonly sudoPassword?: string;
}): Promise<{readonly rows: PreflightRow[]; readonly values: HostValues}> {
	const {inventory} = input;
	const away = new Map(input.problems.map(problem => [problem.host.id, problem.problem]));
	const reachable = input.hosts.filter(host => !away.has(host.id));
	const context = (host: Host): ReadContext => ({executor: input.executors.get(host), ...(input.sudoPassword === undefined ? {} : {sudoPassword: input.sudoPassword})});
	const masters = uniqueHosts(inventory.ganeti.map(backend => backend.master)).filter(host => !away.has(host.id));
	const rootAccess = new Map<string, Reading<string>>();
	const ganetiVersions = new Map<string, Reading<string>>();
	const ispecs = new Map<string, Reading<IpolicySpecs>>();
	const backupDir = String(input.answers.get('backupDir') ?? '/var/backups/snf-upgrade');
	let free: Reading<number> | undefined;
	const jobs: Array<() => Promise<void>> = [
		...reachable.map(host => async () => {
			rootAccess.set(host.id, await readRootAccess(context(host)));
		}),
		...masters.map(host => async () => {
			ganetiVersions.set(host.id, await readGanetiVersion(context(host)));
			ispecs.set(host.id, await readIspecs(context(host)));
		}),
		...(away.has(inventory.db.id) ? [] : [async () => {
			free = await readFreeSpace(context(inventory.db), backupDir);
		}]),
	];
	const [deployment] = await Promise.all([
		readDeployment({inventory, executors: input.executors, answers: input.answers, settingsHosts: reachable, settingNames, packages, backends: true, parallel: input.parallel, ...(input.sudoPassword === undefined ? {} : {sudoPassword: input.sudoPassword})}),
		mapWithLimit(jobs, input.parallel, async job => job()),
	]);
	const nicsBackendId = input.answers.get('nicsBackendId');
	const rows = preflightRows({
		reachable: input.hosts.map(host => ({host, ...(away.has(host.id) ? {problem: away.get(host.id)!} : {})})),
		rootAccess,
		deployment,
		synnefoHosts: reachable,
		webHosts: uniqueHosts([inventory.astakos, inventory.cyclades, inventory.pithos, ...(inventory.stats ? [inventory.stats] : [])]),
		cyclades: inventory.cyclades,
		...(inventory.stats ? {stats: inventory.stats} : {}),
		backends: inventory.ganeti,
		ganetiVersions,
		ispecs,
		...(free === undefined ? {} : {backupSpace: {host: inventory.db, directory: backupDir, free}}),
		...(typeof nicsBackendId === 'number' ? {nicsBackendId} : {}),
	});
	return {rows, values: hostValuesFrom(deployment, inventory)};
}
