import {answerSpecs} from '../domain/answers-schema.js';
import type {AnswerValue} from '../domain/answer-types.js';
import type {DeploymentReading, Reading} from '../domain/deployment-reading.js';
import type {Host, Inventory} from '../domain/inventory-types.js';
import type {SettingsInForce} from '../domain/parsers/settings-in-force.js';
import {uniqueHosts} from '../domain/steps/builders.js';
import {mapWithLimit} from '../runner/fan-out.js';
import type {ExecutorSource} from '../runner/run-types.js';
import {readBackends} from './backend-list.js';
import {readComponentUiUrls} from './component-list.js';
import {readInstalledVersions} from './installed-versions.js';
import {readPublicNetworks} from './public-networks.js';
import type {ReadContext} from './read-command.js';
import {readRemoteUser} from './remote-user.js';
import {readResourceDefaults} from './resource-defaults.js';
import {readSettingsInForce} from './settings-in-force.js';

export interface ReadDeploymentInput {
	readonly inventory: Inventory;
	readonly executors: ExecutorSource;
	/** settingsDir and shibbolethConfig (their schema defaults otherwise). */
	readonly answers?: {get(key: string): AnswerValue | undefined};
	/** Read the settings of these hosts (default: the Astakos, Cyclades, Pithos and stats hosts). */
	readonly settingsHosts?: readonly Host[];
	/** Setting names whose values are wanted besides those the answers read. */
	readonly settingNames?: readonly string[];
	/** Installed versions of these packages on every host of settingsHosts (none by default). */
	readonly packages?: readonly string[];
	/** Also read backend-list (check needs it; the answers do not). */
	readonly backends?: boolean;
	readonly parallel?: number;
	readonly sudoPassword?: string;
	readonly signal?: AbortSignal;
}

/** Setting names the answers' defaults read (fromHost with reader 'settings', and their fallbacks). */
export const answerSettingNames: readonly string[] = [...new Set(answerSpecs.flatMap(spec => {
	const from = spec.fromHost;
	return from?.reader === 'settings' ? [from.key, ...(from.fallback === undefined ? [] : [from.fallback.key])] : [];
}))];

function textAnswer(input: ReadDeploymentInput, key: string): string {
	const value = input.answers?.get(key) ?? answerSpecs.find(spec => spec.key === key)?.default;
	return typeof value === 'string' && value !== '' ? value : String(answerSpecs.find(spec => spec.key === key)?.default);
}

/**
 * Runs every host reader, all hosts in parallel (read-only; nothing is changed): the settings in
 * force, component-list, the public networks, REMOTE_USER, the default quotas, and on request
 * backend-list and the installed versions. A reader that fails is recorded with its problem.
 */
export async function readDeployment(input: ReadDeploymentInput): Promise<DeploymentReading> {
	const {inventory} = input;
	const context = (host: Host): ReadContext => ({
		executor: input.executors.get(host),
		...(input.sudoPassword === undefined ? {} : {sudoPassword: input.sudoPassword}),
		...(input.signal === undefined ? {} : {signal: input.signal}),
	});
	const settingsHosts = uniqueHosts(input.settingsHosts ?? [inventory.astakos, inventory.cyclades, inventory.pithos, ...(inventory.stats ? [inventory.stats] : [])]);
	const names = [...new Set([...answerSettingNames, ...(input.settingNames ?? [])])];
	const settingsDir = textAnswer(input, 'settingsDir');
	type Job = () => Promise<void>;
	const settings = new Map<string, Reading<SettingsInForce>>();
	const versions = new Map<string, Reading<ReadonlyMap<string, string>>>();
	const result: {-readonly [K in keyof DeploymentReading]: DeploymentReading[K]} = {settings, versions};
	const jobs: Job[] = [
		...settingsHosts.map((host): Job => async () => {
			settings.set(host.id, await readSettingsInForce(context(host), settingsDir, names));
		}),
		...(input.packages === undefined || input.packages.length === 0 ? [] : settingsHosts.map((host): Job => async () => {
			versions.set(host.id, await readInstalledVersions(context(host), input.packages!));
		})),
		async () => {
			result.components = await readComponentUiUrls(context(inventory.astakos));
		},
		async () => {
			result.publicNetworks = await readPublicNetworks(context(inventory.cyclades));
		},
		async () => {
			result.remoteUser = await readRemoteUser(context(inventory.astakos), textAnswer(input, 'shibbolethConfig'));
		},
		async () => {
			result.resourceDefaults = await readResourceDefaults(context(inventory.astakos));
		},
		...(input.backends ? [async () => {
			result.backends = await readBackends(context(inventory.cyclades));
		}] : []),
	];
	await mapWithLimit(jobs, input.parallel ?? 8, async job => job(), input.signal);
	return result;
}
