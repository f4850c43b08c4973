import type {Action} from '../action-types.js';
import type {PlanContext, StepDefinition} from '../plan-types.js';
import {literal, promptRule, snfManage} from './builders.js';
import {baseQuotasProbes, defaultQuotasProbe} from './quota-probes.js';

/** The resources whose default quota the admin sets, and the answer that holds it. */
const quotaResources = [
	['cyclades.floating_ip', 'quotaFloatingIp'],
	['cyclades.total_cpu', 'quotaTotalCpu'],
	['cyclades.total_ram', 'quotaTotalRam'],
] as const;

/** floating_ip always (placeholder when unanswered); total_cpu and total_ram only when set. */
function quotas(ctx: PlanContext): Array<readonly [string, string]> {
	return quotaResources.flatMap(([resource, key]): Array<readonly [string, string]> => {
		const value = ctx.get(key);
		if (key !== 'quotaFloatingIp' && (value === undefined || value === '')) {
			return [];
		}

		return [[resource, ctx.text(key)]];
	});
}

export const resourceDefaults: StepDefinition = {
	id: 'resource-defaults',
	section: 'quotas',
	title: 'Set the default quota of the new resources',
	why: 'cyclades.total_cpu, cyclades.total_ram and cyclades.floating_ip are registered with an infinite default quota; cyclades.floating_ip especially should be limited.',
	notes: ['The default quota applies only to users created from now on (facts §3.6); the next step handles existing users.'],
	rerunSafe: true,
	actions: ctx => quotas(ctx).map(([resource, value]) => snfManage(ctx.inventory.astakos, ['resource-modify', resource, '--default-quota', value])),
	probes: ctx => [defaultQuotasProbe(ctx.inventory.astakos, quotas(ctx))],
};

const confirmRule = promptRule(literal('Confirm? [y/N] '), 'y', 'user-modify confirmation (not asked with -f; answered in case)');

export const existingUsersQuota: StepDefinition = {
	id: 'existing-users-quota',
	section: 'quotas',
	title: "Set the existing users' base quota of the new resources",
	why: 'Existing users keep an infinite base quota of the new resources; user-modify --all sets it for every accepted user, except the excluded ones.',
	notes: [
		'Inspect custom quotas first if needed: `snf-manage quota-list --with-custom=True --filter-by "resource=cyclades.floating_ip"` (facts §3.8).',
		'-f skips the confirmation question (facts §3.7).',
		'Done when `quota-list` shows every accepted user (but the excluded) at the planned base quota; with no accepted user it cannot tell.',
	],
	rerunSafe: true,
	skipReason: ctx => (ctx.boolean('quotaApplyToExistingUsers') ? undefined : 'quotaApplyToExistingUsers is false: existing users keep their base quota'),
	actions(ctx) {
		const exclude = ctx.list('quotaExcludeUsers');
		return quotas(ctx).map(([resource, value]): Action =>
			snfManage(
				ctx.inventory.astakos,
				['user-modify', '--all', '--base-quota', resource, value, ...(exclude.length > 0 ? ['--exclude', exclude.join(',')] : []), '-f'],
				{prompts: [confirmRule]},
			));
	},
	probes: ctx => baseQuotasProbes(ctx.inventory.astakos, quotas(ctx), ctx.list('quotaExcludeUsers')),
};

export const resourceVisibility: StepDefinition = {
	id: 'resource-visibility',
	section: 'quotas',
	title: 'Make resources visible in the API and the web UI',
	why: 'v0.15 can hide a resource from users; cyclades.total_cpu, cyclades.total_ram and astakos.pending_app are hidden by default. Quotas are enforced either way.',
	notes: ['--ui-visible=True also makes the resource visible in the API (facts §3.6).'],
	skipReason: ctx =>
		ctx.list('resourcesApiVisible').length === 0 && ctx.list('resourcesUiVisible').length === 0
			? 'resourcesApiVisible and resourcesUiVisible are empty: the default visibility stays'
			: undefined,
	actions: ctx => [
		...ctx.list('resourcesApiVisible').map(resource => snfManage(ctx.inventory.astakos, ['resource-modify', resource, '--api-visible=True'])),
		...ctx.list('resourcesUiVisible').map(resource => snfManage(ctx.inventory.astakos, ['resource-modify', resource, '--ui-visible=True'])),
	],
};
