import type {PlanContext, StepDefinition} from '../plan-types.js';
import type {EditAction} from '../action-types.js';
import {astakosSettingsConf, edit, service, settingsFile} from './builders.js';
import {unchangedByEditsProbe} from './edit-probes.js';
import {restartNote, restartProbe} from './restart-probes.js';
import {editedSettingsProbes} from './settings-probe.js';

const notEnabled = (ctx: PlanContext) =>
	ctx.boolean('shibbolethEnabled') ? undefined : "Shibboleth is not enabled ('shibboleth' is not in ASTAKOS_IM_MODULES)";

const lockOutWarning =
	'WARNING: changing REMOTE_USER invalidates every existing Shibboleth-linked Astakos account, except eppn → another attribute with ASTAKOS_SHIBBOLETH_MIGRATE_EPPN = True (and the IdPs must keep releasing eppn) (facts §7).';

function remoteUserEdit(ctx: PlanContext): EditAction {
	const host = ctx.inventory.astakos;
	return edit(host, ctx.path(host, ctx.text('shibbolethConfig')), [
		{op: 'xml-set-attribute', element: 'ApplicationDefaults', attribute: 'REMOTE_USER', value: ctx.text('shibbolethRemoteUser')},
	], 'shibd');
}

const remoteUserProbe = (ctx: PlanContext) => unchangedByEditsProbe(remoteUserEdit(ctx), 'ApplicationDefaults has the planned REMOTE_USER');

/** Debian's /etc/init.d/shibd: PIDFILE=/run/shibboleth/$NAME.pid, passed to shibd -p (/var/run is /run from wheezy on). */
const shibdPidFile = '/var/run/shibboleth/shibd.pid';

export const shibbolethRemoteUser: StepDefinition = {
	id: 'shibboleth-remote-user',
	section: 'shibboleth',
	title: 'Set REMOTE_USER in shibboleth2.xml',
	why: 'From v0.15 Astakos identifies a Shibboleth user by the REMOTE_USER value mod_shib2 passes (before: the eppn header). The attribute of ApplicationDefaults chooses which Shibboleth attributes fill it; "eppn" keeps the old identity.',
	notes: [
		lockOutWarning,
		'Apache must pass the headers (ShibUseHeaders On) for Django to see REMOTE_USER.',
		'The edited file is checked with shibd -t before it replaces the old one.',
	],
	skipReason: notEnabled,
	actions: ctx => [remoteUserEdit(ctx)],
	probes: ctx => [remoteUserProbe(ctx)],
};

export const shibbolethMigrateEppn: StepDefinition = {
	id: 'shibboleth-migrate-eppn',
	section: 'shibboleth',
	title: 'Let Astakos migrate eppn accounts to the new REMOTE_USER',
	why: 'With ASTAKOS_SHIBBOLETH_MIGRATE_EPPN = True, every existing eppn user who logs in gets the stored identifier replaced by the REMOTE_USER value instead of being locked out.',
	notes: [lockOutWarning],
	skipReason(ctx) {
		return notEnabled(ctx) ?? (ctx.boolean('shibbolethMigrateEppn') ? undefined : 'shibbolethMigrateEppn is false (REMOTE_USER keeps eppn)');
	},
	actions(ctx) {
		const host = ctx.inventory.astakos;
		return [edit(host, settingsFile(ctx, host, astakosSettingsConf), [{op: 'python-set', name: 'ASTAKOS_SHIBBOLETH_MIGRATE_EPPN', value: true}], 'python')];
	},
	probes: ctx => editedSettingsProbes(ctx, shibbolethMigrateEppn.actions(ctx)),
};

export const restartShibd: StepDefinition = {
	id: 'restart-shibd',
	section: 'shibboleth',
	title: 'Restart shibd',
	why: 'shibd reads shibboleth2.xml when it starts.',
	notes: [restartNote(shibdPidFile)],
	skipReason: notEnabled,
	rerunSafe: true,
	actions: ctx => [service(ctx.inventory.astakos, 'shibd', 'restart')],
	// The planned REMOTE_USER in the file first: a shibd that started after an unchanged file is not this restart.
	probes(ctx) {
		const host = ctx.inventory.astakos;
		const watch = {service: 'shibd', pidFiles: [ctx.path(host, shibdPidFile)], inputs: [ctx.path(host, ctx.text('shibbolethConfig'))]};
		return [remoteUserProbe(ctx), restartProbe(host, watch, 'shibd runs, started after shibboleth2.xml last changed')];
	},
};
