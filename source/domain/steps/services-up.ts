import type {StepDefinition} from '../plan-types.js';
import {ganetiMasters, service, webHosts} from './builders.js';
import {serviceProbes} from './service-probes.js';

export const startGunicorn: StepDefinition = {
	id: 'start-gunicorn',
	section: 'services-up',
	title: 'Start gunicorn on the Astakos, Cyclades and Pithos hosts',
	why: 'The upgrade is finished: the web services come back.',
	notes: ['Astakos is already up since section 4.3; starting it again is harmless.'],
	actions: ctx => webHosts(ctx).map(host => service(host, 'gunicorn', 'start')),
	probes: ctx => serviceProbes(ctx, startGunicorn.actions(ctx), 'started'),
};

export const startDispatcher: StepDefinition = {
	id: 'start-dispatcher',
	section: 'services-up',
	title: 'Start snf-dispatcher',
	why: 'snf-dispatcher carries the Ganeti events to the Cyclades database.',
	notes: ['It starts only when SNF_DSPTCH_ENABLE=true in /etc/default/snf-dispatcher (facts §6).'],
	actions: ctx => [service(ctx.inventory.cyclades, 'snf-dispatcher', 'start')],
	probes: ctx => serviceProbes(ctx, startDispatcher.actions(ctx), 'started'),
};

export const startGanetiEventd: StepDefinition = {
	id: 'start-ganeti-eventd',
	section: 'services-up',
	title: 'Start snf-ganeti-eventd on every Ganeti master',
	why: 'snf-ganeti-eventd was stopped in section 1; without it Cyclades never hears about Ganeti jobs.',
	notes: [
		'The 0.15 notes do not restart it in step 5 while the 0.14.10 notes start it on the Ganeti master; it was stopped in section 1, so it is started here (facts §9, open question).',
		'It starts only when SNF_EVENTD_ENABLE=true in /etc/default/snf-ganeti-eventd, and only on the master (facts §6).',
	],
	skipReason: ctx => (ctx.boolean('startGanetiEventd') ? undefined : 'startGanetiEventd is false'),
	actions: ctx => ganetiMasters(ctx).map(host => service(host, 'snf-ganeti-eventd', 'start')),
	probes: ctx => serviceProbes(ctx, startGanetiEventd.actions(ctx), 'started'),
};
