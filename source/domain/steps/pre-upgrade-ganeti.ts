import type {Action, CommandOutput, Verdict} from '../action-types.js';
import type {GanetiBackend} from '../inventory-types.js';
import {parseDiskTemplates} from '../parsers/gnt-cluster-info.js';
import {parseShowIspecsCmd, renderBoundsSpecs, withNicCounts} from '../parsers/ispecs.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {argv, command, fact, parsedVerdict, probe, verdict} from './builders.js';

const ispecsKey = (backend: GanetiBackend) => `ispecs:${backend.name}`;
const clusterInfoKey = (backend: GanetiBackend) => `cluster-info:${backend.name}`;

const nicCounts = (ctx: PlanContext) => {
	const min = ctx.integer('ipolicyMinNicCount');
	const max = ctx.integer('ipolicyMaxNicCount');
	return {min: typeof min === 'number' ? min : 0, max: typeof max === 'number' ? max : 32};
};

/** The new --ipolicy-bounds-specs value from `gnt-cluster show-ispecs-cmd` output, all six params of every min/max kept. */
export function newBoundsSpecs(showIspecsOutput: string, min: number, max: number): string {
	return renderBoundsSpecs(withNicCounts(parseShowIspecsCmd(showIspecsOutput), min, max));
}

function ipolicyVerdict(output: CommandOutput, min: number, max: number): Verdict {
	return parsedVerdict(() => {
		const current = renderBoundsSpecs(parseShowIspecsCmd(output.stdout).bounds);
		const wanted = newBoundsSpecs(output.stdout, min, max);
		return current === wanted
			? verdict(true, `bounds already have min nic-count=${min}, max nic-count=${max}`)
			: verdict(false, `bounds are ${current}`);
	});
}

export const ganetiIpolicy: StepDefinition = {
	id: 'ganeti-ipolicy',
	section: 'pre-upgrade',
	title: 'Allow VMs without NICs in the Ganeti instance policy',
	why: "v0.15 lets a VM have no NIC at all, which Ganeti's default policy (min nic-count 1) refuses; the runbook also raises max nic-count to 32. The new bounds are computed from each backend's current `gnt-cluster show-ispecs-cmd` so every other limit stays as it is.",
	notes: [
		'Both min and max must list all six parameters (cpu-count, disk-count, disk-size, memory-size, nic-count, spindle-use), otherwise Ganeti fails with "Missing parameters in ipolicy spec" (facts §5).',
		'A node group can override the cluster policy (`gnt-group modify` with the same --ipolicy-* options) and the group value wins: where a group overrides the bounds, give it the same --ipolicy-bounds-specs value with `gnt-group modify`.',
		'Ganeti 2.8 also has a hard MAX_NICS = 8 that max:nic-count=32 does not lift; keep GANETI_MAX_NICS_PER_INSTANCE (20-snf-cyclades-app-backend.conf) at or below both.',
	],
	facts: ctx =>
		ctx.inventory.ganeti.map(backend =>
			fact(ispecsKey(backend), backend.master, argv('gnt-cluster', 'show-ispecs-cmd'), `the instance policy of backend ${backend.name}`)),
	actions(ctx) {
		const {min, max} = nicCounts(ctx);
		return ctx.inventory.ganeti.map((backend): Action => {
			const output = ctx.fact(ispecsKey(backend));
			let bounds: string;
			let note = `backend ${backend.name}: min nic-count=${min}, max nic-count=${max}, every other limit as read from gnt-cluster show-ispecs-cmd`;
			if (output === undefined) {
				bounds = ctx.missing(ispecsKey(backend));
			} else {
				try {
					bounds = newBoundsSpecs(output, min, max);
				} catch (error) {
					bounds = ctx.missing(ispecsKey(backend));
					note = `could not read gnt-cluster show-ispecs-cmd on ${backend.name}: ${(error as Error).message}`;
				}
			}

			return command(backend.master, argv('gnt-cluster', 'modify', '--ipolicy-bounds-specs', bounds), {note});
		});
	},
	probes(ctx) {
		const {min, max} = nicCounts(ctx);
		return ctx.inventory.ganeti.map(backend =>
			probe(
				backend.master,
				argv('gnt-cluster', 'show-ispecs-cmd'),
				`backend ${backend.name}: every min nic-count=${min} and max nic-count=${max}`,
				output => ipolicyVerdict(output, min, max),
			));
	},
};

const withTemplates = (ctx: PlanContext) =>
	ctx.inventory.ganeti.filter(backend => backend.ipolicyDiskTemplates !== undefined && backend.ipolicyDiskTemplates.length > 0);

function templatesNote(backend: GanetiBackend, info: string | undefined): string {
	const wanted = backend.ipolicyDiskTemplates ?? [];
	if (info === undefined) {
		return `backend ${backend.name}: every template must also be enabled (--enabled-disk-templates), or Ganeti refuses the change`;
	}

	try {
		const {enabled, allowed} = parseDiskTemplates(info);
		const notEnabled = wanted.filter(template => !enabled.includes(template));
		const now = `backend ${backend.name}: enabled ${enabled.join(',') || '(none)'}; allowed now ${allowed.join(',') || '(none)'}`;
		return notEnabled.length === 0
			? now
			: `${now}. WARNING: ${notEnabled.join(',')} not enabled; Ganeti will refuse: enable it first (gnt-cluster modify --enabled-disk-templates)`;
	} catch (error) {
		return `backend ${backend.name}: could not read gnt-cluster info: ${(error as Error).message}`;
	}
}

function templatesVerdict(output: CommandOutput, wanted: readonly string[]): Verdict {
	return parsedVerdict(() => {
		const {allowed} = parseDiskTemplates(output.stdout);
		const same = allowed.length === wanted.length && wanted.every(template => allowed.includes(template));
		return verdict(same, `allowed disk templates: ${allowed.join(',') || '(none)'}`);
	});
}

export const ganetiDiskTemplates: StepDefinition = {
	id: 'ganeti-disk-templates',
	section: 'pre-upgrade',
	title: 'Set the allowed disk templates of each backend',
	why: 'ARCHIPELAGO_BACKENDS is gone in v0.15: Cyclades places a VM on a backend whose enabled and allowed disk templates include the VM\'s template. The allowed list is the instance policy\'s --ipolicy-disk-templates.',
	notes: [
		'Synnefo uses the intersection of enabled and allowed templates (shown by `snf-manage backend-list` column disk_templates; refresh with `snf-manage backend-update-status`).',
		'A template that is allowed but not enabled makes gnt-cluster modify fail: enable it first with --enabled-disk-templates.',
	],
	skipReason: ctx => (withTemplates(ctx).length === 0 ? 'no backend in the inventory sets ipolicyDiskTemplates (their policy stays as it is)' : undefined),
	facts: ctx =>
		withTemplates(ctx).map(backend =>
			fact(clusterInfoKey(backend), backend.master, argv('gnt-cluster', 'info'), `enabled and allowed disk templates of backend ${backend.name}`)),
	actions: ctx =>
		withTemplates(ctx).map(backend =>
			command(backend.master, argv('gnt-cluster', 'modify', `--ipolicy-disk-templates=${(backend.ipolicyDiskTemplates ?? []).join(',')}`), {
				note: templatesNote(backend, ctx.fact(clusterInfoKey(backend))),
			})),
	probes: ctx =>
		withTemplates(ctx).map(backend =>
			probe(
				backend.master,
				argv('gnt-cluster', 'info'),
				`backend ${backend.name}: allowed disk templates are ${(backend.ipolicyDiskTemplates ?? []).join(',')}`,
				output => templatesVerdict(output, backend.ipolicyDiskTemplates ?? []),
			)),
};
