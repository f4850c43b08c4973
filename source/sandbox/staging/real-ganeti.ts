import {parseDiskTemplates} from '../../domain/parsers/gnt-cluster-info.js';
import {parseGroupBounds, type GroupBounds} from '../../domain/parsers/gnt-group-info.js';
import {parseShowIspecsCmd, type IpolicySpecs} from '../../domain/parsers/ispecs.js';
import {overridingGroupBounds} from '../initial-state.js';
import {formatSpec} from '../shims/ganeti.js';
import type {Executor} from '../../executors/executor.js';
import type {Backend, IpolicySpec} from '../state-types.js';

/** What the sandbox state needs to know of a real Ganeti cluster. */
export interface RealCluster {
	readonly clustername: string;
	readonly ipolicy: Pick<Backend['ipolicy'], 'std' | 'min' | 'max'>;
	readonly allowedDiskTemplates: string[];
	readonly enabledDiskTemplates: string[];
	readonly groups: GroupBounds[];
}

const asSpec = (values: Record<string, number>): IpolicySpec => ({
	'cpu-count': values['cpu-count'] ?? 0,
	'disk-count': values['disk-count'] ?? 0,
	'disk-size': values['disk-size'] ?? 0,
	'memory-size': values['memory-size'] ?? 0,
	'nic-count': values['nic-count'] ?? 0,
	'spindle-use': values['spindle-use'] ?? 0,
});

/** The instance policy in `gnt-cluster show-ispecs-cmd` output (the first min/max pair, as the sandbox keeps one). */
export function ipolicyOf(showIspecsOutput: string): {clustername: string; ipolicy: RealCluster['ipolicy']} {
	const specs = parseShowIspecsCmd(showIspecsOutput);
	const [pair] = specs.bounds;
	if (pair === undefined) {
		throw new Error('no --ipolicy-bounds-specs pair in the gnt-cluster show-ispecs-cmd output');
	}

	return {clustername: specs.cluster, ipolicy: {std: asSpec(specs.std), min: asSpec(pair.min), max: asSpec(pair.max)}};
}

/** `min:…/max:…` as Ganeti writes it (keys sorted). */
export function boundsText(ipolicy: RealCluster['ipolicy']): string {
	const spec = (values: IpolicySpec) => Object.entries(values).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => `${key}=${value}`).join(',');
	return `min:${spec(ipolicy.min)}/max:${spec(ipolicy.max)}`;
}

async function output(executor: Executor, command: string): Promise<string> {
	const result = await executor.run(command, {mutates: false, timeoutMs: 60_000});
	if (result.exitCode !== 0) {
		throw new Error(`${command} on ${executor.host.label} exited ${result.exitCode ?? result.outcome}: ${(result.stderr || result.stdout).trim().slice(-500)}`);
	}

	return result.stdout;
}

/** Reads the cluster's name, instance policy and disk templates with the real gnt-cluster on its master. */
export async function readRealCluster(master: Executor): Promise<RealCluster> {
	const {clustername, ipolicy} = ipolicyOf(await output(master, 'gnt-cluster show-ispecs-cmd'));
	const templates = parseDiskTemplates(await output(master, 'gnt-cluster info'));
	const groups = parseGroupBounds(await output(master, 'gnt-group info'));
	return {clustername, ipolicy, allowedDiskTemplates: templates.allowed, enabledDiskTemplates: templates.enabled, groups};
}

/** The first min/max pair of parsed bounds as the sandbox keeps it. */
export function realBounds(bounds: IpolicySpecs['bounds']): {min: IpolicySpec; max: IpolicySpec} {
	const [pair] = bounds;
	if (pair === undefined) {
		throw new Error('no bounds pair');
	}

	return {min: asSpec(pair.min), max: asSpec(pair.max)};
}

/**
 * Gives the real cluster's default node group its own bounds, with max nic-count 40 (above the runbook's
 * 32), as the sandbox's ganeti2 has: the upgrade must find the override, set it, and keep the 40.
 */
export async function overrideDefaultGroup(master: Executor): Promise<void> {
	const {min, max} = overridingGroupBounds();
	await output(master, `gnt-group modify --ipolicy-bounds-specs min:${formatSpec(min)}/max:${formatSpec(max)} default`);
}
