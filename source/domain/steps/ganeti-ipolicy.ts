import type {Action, CommandOutput, Verdict} from '../action-types.js';
import type {GanetiBackend} from '../inventory-types.js';
import {parseGroupBounds, type GroupBounds} from '../parsers/gnt-group-info.js';
import {parseShowIspecsCmd, renderBoundsSpecs, withNicCounts, type IpolicySpecs} from '../parsers/ispecs.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {argv, command, failedRun, fact, parsedVerdict, probe, verdict} from './builders.js';

const ispecsKey = (backend: GanetiBackend) => `ispecs:${backend.name}`;
const groupsKey = (backend: GanetiBackend) => `groups:${backend.name}`;
/** Printed between the two outputs of the probe, so each part is parsed alone. */
const separator = '--- snf-upgrade: gnt-group info follows';

const nicCounts = (ctx: PlanContext) => {
	const min = ctx.integer('ipolicyMinNicCount');
	const max = ctx.integer('ipolicyMaxNicCount');
	return {min: typeof min === 'number' ? min : 0, max: typeof max === 'number' ? max : 32};
};

/** The new --ipolicy-bounds-specs value from `gnt-cluster show-ispecs-cmd` output: min nic-count = min, max nic-count = max(current, max). */
export function newBoundsSpecs(showIspecsOutput: string, min: number, max: number): string {
	return renderBoundsSpecs(withNicCounts(parseShowIspecsCmd(showIspecsOutput).bounds, min, max));
}

const needsChange = (bounds: IpolicySpecs['bounds'], min: number, max: number) => renderBoundsSpecs(bounds) !== renderBoundsSpecs(withNicCounts(bounds, min, max));

/** Where the cluster's and the overriding groups' bounds still need the change. */
function pendingBounds(specs: IpolicySpecs, groups: readonly GroupBounds[], min: number, max: number): string[] {
	return [
		...(needsChange(specs.bounds, min, max) ? [`cluster ${specs.cluster}: ${renderBoundsSpecs(specs.bounds)}`] : []),
		...groups.filter(group => group.overrides && needsChange(group.bounds, min, max)).map(group => `node group ${group.group}: ${renderBoundsSpecs(group.bounds)}`),
	];
}

function ipolicyVerdict(output: CommandOutput, min: number, max: number): Verdict {
	return failedRun(output) ?? parsedVerdict(() => {
		const at = output.stdout.indexOf(separator);
		if (at === -1) {
			throw new Error('The probe printed no gnt-group info part.');
		}

		const specs = parseShowIspecsCmd(output.stdout.slice(0, at));
		const groups = parseGroupBounds(output.stdout.slice(at + separator.length));
		const pending = pendingBounds(specs, groups, min, max);
		const overriding = groups.filter(group => group.overrides).map(group => group.group);
		return pending.length === 0
			? verdict(true, `min nic-count=${min}, max nic-count ≥ ${max} in the cluster${overriding.length > 0 ? ` and node group ${overriding.join(', ')}` : ''} (no group overrides the rest)`)
			: verdict(false, `still to set: ${pending.join('; ')}`);
	});
}

function backendActions(ctx: PlanContext, backend: GanetiBackend): Action[] {
	const {min, max} = nicCounts(ctx);
	const ispecs = ctx.fact(ispecsKey(backend));
	const groups = ctx.fact(groupsKey(backend));
	const rule = `min nic-count=${min}, max nic-count=max(current, ${max}), every other limit as read`;
	if (ispecs === undefined || groups === undefined) {
		return [
			command(backend.master, argv('gnt-cluster', 'modify', '--ipolicy-bounds-specs', ctx.missing(ispecsKey(backend))), {note: `backend ${backend.name}: ${rule} from gnt-cluster show-ispecs-cmd`}),
			command(backend.master, argv('gnt-group', 'modify', '--ipolicy-bounds-specs', ctx.missing(groupsKey(backend)), '<GROUP>'), {
				note: 'for every node group that overrides the bounds (read with gnt-group info when the step runs), the same rule on its own bounds',
			}),
		];
	}

	let specs: IpolicySpecs;
	let overriding: GroupBounds[];
	try {
		specs = parseShowIspecsCmd(ispecs);
		overriding = parseGroupBounds(groups).filter(group => group.overrides);
	} catch (error) {
		const detail = `could not read the instance policy of ${backend.name}: ${(error as Error).message}`;
		return [command(backend.master, argv('gnt-cluster', 'show-ispecs-cmd'), {mutates: false, note: detail, check: () => verdict(false, detail)})];
	}

	return [
		...(needsChange(specs.bounds, min, max)
			? [command(backend.master, argv('gnt-cluster', 'modify', '--ipolicy-bounds-specs', renderBoundsSpecs(withNicCounts(specs.bounds, min, max))), {note: `backend ${backend.name}: ${rule} from gnt-cluster show-ispecs-cmd`})]
			: []),
		...overriding.filter(group => needsChange(group.bounds, min, max)).map(group =>
			command(backend.master, argv('gnt-group', 'modify', '--ipolicy-bounds-specs', renderBoundsSpecs(withNicCounts(group.bounds, min, max)), '--', group.group), {
				note: `node group ${group.group} of ${backend.name} overrides the bounds (and wins over the cluster): ${rule} from gnt-group info`,
			})),
	];
}

export const ganetiIpolicy: StepDefinition = {
	id: 'ganeti-ipolicy',
	section: 'pre-upgrade',
	title: 'Allow VMs without NICs in the Ganeti instance policy',
	why: "v0.15 lets a VM have no NIC at all, which Ganeti's default policy (min nic-count 1) refuses; the runbook also raises max nic-count to 32. The new bounds are computed from each backend's current policy so every other limit stays as it is, and a larger max nic-count is kept.",
	notes: [
		'Both min and max must list all six parameters (cpu-count, disk-count, disk-size, memory-size, nic-count, spindle-use), otherwise Ganeti fails with "Missing parameters in ipolicy spec" (facts §5).',
		'--ipolicy-bounds-specs sets the whole bounds: max nic-count becomes max(current, ipolicyMaxNicCount), never less (facts §8 warning 16).',
		'A node group that overrides the bounds wins over the cluster: each such group (read with `gnt-group info`, where its own values are plain and inherited ones read `default (…)`) gets the same change with `gnt-group modify --ipolicy-bounds-specs`.',
		'Ganeti 2.8 also has a hard MAX_NICS = 8 that max:nic-count=32 does not lift; keep GANETI_MAX_NICS_PER_INSTANCE (20-snf-cyclades-app-backend.conf) at or below both.',
	],
	// Setting the same bounds again changes nothing.
	rerunSafe: true,
	facts: ctx =>
		ctx.inventory.ganeti.flatMap(backend => [
			fact(ispecsKey(backend), backend.master, argv('gnt-cluster', 'show-ispecs-cmd'), `the instance policy of backend ${backend.name}`),
			fact(groupsKey(backend), backend.master, argv('gnt-group', 'info'), `the node groups of backend ${backend.name} and their instance policy`),
		]),
	actions: ctx => ctx.inventory.ganeti.flatMap(backend => backendActions(ctx, backend)),
	probes(ctx) {
		const {min, max} = nicCounts(ctx);
		return ctx.inventory.ganeti.map(backend =>
			probe(
				backend.master,
				{pipeline: [{script: `gnt-cluster show-ispecs-cmd && echo '${separator}' && gnt-group info`}]},
				`backend ${backend.name}: min nic-count=${min} and max nic-count ≥ ${max} in the cluster and every node group that overrides the bounds`,
				output => ipolicyVerdict(output, min, max),
			));
	},
};
