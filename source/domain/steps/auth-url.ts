import type {EditAction, FileEdit} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {editedSettingsProbes} from './settings-probe.js';
import {astakosSettingsConf, cycladesApiConf, edit, fact, grepSettingsFiles, pithosSettingsConf, settingsFile, uniqueHosts} from './builders.js';

const settingsFact = (host: Host) => `astakos-base-url-files:${host.id}`;

/** The *.conf files of a host with a live ASTAKOS_BASE_URL assignment (grep -l), the lines the python-comment-out edit acts on. */
const grepShell = (ctx: PlanContext, host: Host) =>
	grepSettingsFiles(ctx.path(host, ctx.text('settingsDir')), '-l', '^[[:space:]]*ASTAKOS_BASE_URL[[:space:]]*=');

/**
 * The other files of this host that assign ASTAKOS_BASE_URL (e.g. a 99-local.conf): they must be
 * commented out too, or, sorting after the edited file, they keep the old value in force. On a host that
 * also runs Astakos none is touched (Astakos still needs ASTAKOS_BASE_URL; facts §1.3).
 */
function otherFiles(ctx: PlanContext, host: Host, mainFiles: readonly string[]): {readonly files: readonly string[]; readonly note?: string} {
	if (host.id === ctx.inventory.astakos.id) {
		return {files: []};
	}

	const raw = ctx.fact(settingsFact(host));
	if (raw === undefined) {
		ctx.missing(settingsFact(host));
		return {files: [], note: 'every other *.conf that sets ASTAKOS_BASE_URL (e.g. a 99-local.conf) is commented out too (found when the step runs)'};
	}

	const files = raw.split('\n').map(line => line.trim()).filter(line => line !== '');
	return {files: files.filter(file => !mainFiles.includes(file))};
}

/** The edits of one host: its main file(s) (Cyclades', Pithos', or both on a combined host), then every other file that sets ASTAKOS_BASE_URL. */
function hostEdits(ctx: PlanContext, host: Host, names: readonly string[], edits: readonly FileEdit[]): EditAction[] {
	const mainFiles = names.map(name => settingsFile(ctx, host, name));
	const others = otherFiles(ctx, host, mainFiles);
	const shared = host.id === ctx.inventory.astakos.id ? `this host also runs Astakos: check that ASTAKOS_BASE_URL is set in ${astakosSettingsConf}` : undefined;
	const note = [shared, others.note].filter(Boolean).join('; ');
	return [
		...mainFiles.map(file => edit(host, file, edits, 'python', note === '' ? undefined : note)),
		...others.files.map(file => edit(host, file, [{op: 'python-comment-out', name: 'ASTAKOS_BASE_URL'}], 'python', 'this file also sets ASTAKOS_BASE_URL, and a later file wins: commented out here too')),
	];
}

export const astakosAuthUrl: StepDefinition = {
	id: 'astakos-auth-url',
	section: 'auth-url',
	title: 'Replace ASTAKOS_BASE_URL with ASTAKOS_AUTH_URL in Cyclades and Pithos',
	why: 'v0.15 Cyclades and Pithos find Astakos through ASTAKOS_AUTH_URL (the old base URL + identity/v2.0); ASTAKOS_BASE_URL is no longer read by them.',
	notes: [
		"Only the Cyclades and Pithos files change: ASTAKOS_BASE_URL stays valid in the Astakos host's 20-snf-astakos-app-settings.conf (facts §1.3).",
		'All *.conf files of a host share one namespace: on a host that also runs Astakos, ASTAKOS_BASE_URL must be set in 20-snf-astakos-app-settings.conf itself.',
		"The old base URL is the ASTAKOS_BASE_URL in force on Cyclades and Pithos, read from the hosts; an answer that differs makes `run` refuse before anything changes.",
	],
	facts(ctx) {
		return uniqueHosts([ctx.inventory.cyclades, ctx.inventory.pithos])
			.filter(host => host.id !== ctx.inventory.astakos.id)
			.map(host => fact(settingsFact(host), host, grepShell(ctx, host), 'the settings files that set ASTAKOS_BASE_URL'));
	},
	actions(ctx) {
		const {cyclades, pithos} = ctx.inventory;
		const edits: FileEdit[] = [
			{op: 'python-comment-out', name: 'ASTAKOS_BASE_URL'},
			{op: 'python-set', name: 'ASTAKOS_AUTH_URL', value: ctx.text('astakosAuthUrl')},
		];
		return cyclades.id === pithos.id
			? hostEdits(ctx, cyclades, [cycladesApiConf, pithosSettingsConf], edits)
			: [...hostEdits(ctx, cyclades, [cycladesApiConf], edits), ...hostEdits(ctx, pithos, [pithosSettingsConf], edits)];
	},
	probes: ctx => editedSettingsProbes(ctx, astakosAuthUrl.actions(ctx)),
};
