import type {FileEdit} from '../action-types.js';
import type {StepDefinition} from '../plan-types.js';
import {astakosSettingsConf, cycladesApiConf, edit, pithosSettingsConf, settingsFile} from './builders.js';

export const astakosAuthUrl: StepDefinition = {
	id: 'astakos-auth-url',
	section: 'auth-url',
	title: 'Replace ASTAKOS_BASE_URL with ASTAKOS_AUTH_URL in Cyclades and Pithos',
	why: 'v0.15 Cyclades and Pithos find Astakos through ASTAKOS_AUTH_URL (the old base URL + identity/v2.0); ASTAKOS_BASE_URL is no longer read by them.',
	notes: [
		"Only the Cyclades and Pithos files change: ASTAKOS_BASE_URL stays valid in the Astakos host's 20-snf-astakos-app-settings.conf (facts §1.3).",
		'All *.conf files of a host share one namespace: on a host that also runs Astakos, ASTAKOS_BASE_URL must be set in 20-snf-astakos-app-settings.conf itself.',
	],
	actions(ctx) {
		const {astakos, cyclades, pithos} = ctx.inventory;
		const edits: FileEdit[] = [
			{op: 'python-comment-out', name: 'ASTAKOS_BASE_URL'},
			{op: 'python-set', name: 'ASTAKOS_AUTH_URL', value: ctx.text('astakosAuthUrl')},
		];
		const sharedNote = (hostId: string) =>
			hostId === astakos.id ? `this host also runs Astakos: check that ASTAKOS_BASE_URL is set in ${astakosSettingsConf}` : undefined;
		return [
			edit(cyclades, settingsFile(ctx, cyclades, cycladesApiConf), edits, 'python', sharedNote(cyclades.id)),
			edit(pithos, settingsFile(ctx, pithos, pithosSettingsConf), edits, 'python', sharedNote(pithos.id)),
		];
	},
};
