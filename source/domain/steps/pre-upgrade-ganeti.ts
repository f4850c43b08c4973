import type {CommandOutput, Verdict} from '../action-types.js';
import type {GanetiBackend} from '../inventory-types.js';
import {parseDiskTemplates} from '../parsers/gnt-cluster-info.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {argv, command, failedRun, fact, parsedVerdict, probe, verdict} from './builders.js';

const clusterInfoKey = (backend: GanetiBackend) => `cluster-info:${backend.name}`;

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
	return failedRun(output) ?? parsedVerdict(() => {
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
	rerunSafe: true,
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
