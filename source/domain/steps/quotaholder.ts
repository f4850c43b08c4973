import {astakosUp} from './guardrails.js';
import {everythingInSync} from '../parsers/checks.js';
import type {StepDefinition} from '../plan-types.js';
import {argv, probe, service, snfManage} from './builders.js';
import {serviceProbes} from './service-probes.js';

export const startAstakos: StepDefinition = {
	id: 'start-astakos',
	section: 'quotaholder',
	title: 'Start Astakos',
	why: 'The quotaholder is reconciled through Astakos, so Astakos must serve requests first.',
	notes: ['On a host that also runs Cyclades or Pithos this gunicorn serves them too.'],
	actions: ctx => [service(ctx.inventory.astakos, 'gunicorn', 'start')],
	probes: ctx => serviceProbes(ctx, startAstakos.actions(ctx), 'started'),
};

export const reconcileResources: StepDefinition = {
	id: 'reconcile-resources',
	section: 'quotaholder',
	title: 'Reconcile the Cyclades resources with the quotaholder',
	why: 'Updates the quotaholder with the usage of the new and changed Cyclades resources (cyclades.cpu/ram now count active VMs; total_cpu, total_ram and floating_ip are new).',
	notes: [
		'--force ignores limits that the new usage exceeds; pending commissions need `snf-manage reconcile-commissions-cyclades` first (facts §3.12).',
		'Done when the same command without --fix says "Everything in sync."',
	],
	guards: astakosUp,
	actions: ctx => [snfManage(ctx.inventory.cyclades, ['reconcile-resources-cyclades', '--fix', '--force'])],
	probes: ctx => [
		probe(ctx.inventory.cyclades, argv('snf-manage', 'reconcile-resources-cyclades'), 'reconcile-resources-cyclades reports "Everything in sync."', everythingInSync),
	],
};
