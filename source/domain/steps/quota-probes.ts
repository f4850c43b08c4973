import type {CommandOutput, Probe, Verdict} from '../action-types.js';
import {parseQuota} from '../answers/quota.js';
import type {Host} from '../inventory-types.js';
import {parseBaseQuotas, quotaAmount} from '../parsers/quota-list.js';
import {parseResourceDefaults} from '../parsers/resource-list.js';
import {argv, cannotTell, failedRun, parsedVerdict, probe, verdict} from './builders.js';

/** A resource and the limit the answers give it (text as the admin wrote it). */
export type QuotaTarget = readonly [resource: string, limit: string];

/** The limit as a number of units, or a "cannot tell" verdict when the answer is not a limit (a placeholder). */
function wanted(resource: string, limit: string): bigint | Verdict {
	const parsed = parseQuota(limit);
	return parsed === undefined ? cannotTell(`the planned limit of ${resource}, ${JSON.stringify(limit)}, is not a quota`) : parsed.amount;
}

/** The same reading as the resource-defaults host reader: default fields, which 0.14.10 (`limit`) and 0.15 (`default_quota`) both have. */
const resourceList = argv('snf-manage', 'resource-list', '--unit-style', 'none', '--output-format', 'json');

/** Done when every resource is registered with the planned default quota. */
export function defaultQuotasVerdict(output: CommandOutput, targets: readonly QuotaTarget[]): Verdict {
	return failedRun(output) ?? parsedVerdict(() => {
		const defaults = parseResourceDefaults(output.stdout);
		const differing: string[] = [];
		for (const [resource, limit] of targets) {
			const amount = wanted(resource, limit);
			if (typeof amount !== 'bigint') {
				return amount;
			}

			const current = defaults.get(resource);
			if (current === undefined) {
				differing.push(`${resource} is not registered`);
			} else if (quotaAmount(current, 'resource-list') !== amount) {
				differing.push(`${resource} has ${current}, not ${limit}`);
			}
		}

		return differing.length === 0
			? verdict(true, targets.map(([resource, limit]) => `${resource} ${limit}`).join(', '))
			: verdict(false, differing.join('; '));
	});
}

export const defaultQuotasProbe = (host: Host, targets: readonly QuotaTarget[]): Probe =>
	probe(host, resourceList, `the default quota of ${targets.map(([resource]) => resource).join(', ')} as planned`, output => defaultQuotasVerdict(output, targets));

/** Every resource registered (whatever its default): before that no user holds it. */
function registeredVerdict(output: CommandOutput, targets: readonly QuotaTarget[]): Verdict {
	return failedRun(output) ?? parsedVerdict(() => {
		const defaults = parseResourceDefaults(output.stdout);
		const missing = targets.filter(([resource]) => !defaults.has(resource)).map(([resource]) => resource);
		return missing.length === 0 ? verdict(true, 'every resource is registered') : verdict(false, `not registered yet: ${missing.join(', ')}`);
	});
}

/** Done when every accepted user but the excluded ones has the planned base quota (quota-list lists accepted users only). */
export function baseQuotasVerdict(output: CommandOutput, [resource, limit]: QuotaTarget, exclude: readonly string[]): Verdict {
	return failedRun(output) ?? parsedVerdict(() => {
		const amount = wanted(resource, limit);
		if (typeof amount !== 'bigint') {
			return amount;
		}

		const rows = parseBaseQuotas(output.stdout).filter(row => row.resource === resource && !exclude.includes(row.user));
		if (rows.length === 0) {
			return cannotTell(`quota-list lists no accepted user with ${resource}${exclude.length > 0 ? ' (besides the excluded ones)' : ''}`);
		}

		const differing = rows.filter(row => row.baseQuota !== amount);
		return differing.length === 0
			? verdict(true, `${rows.length} user${rows.length === 1 ? '' : 's'} at ${limit} for ${resource}`)
			: verdict(false, `${differing.length} of ${rows.length} users not at ${limit} for ${resource}, e.g. ${differing[0]!.user} at ${differing[0]!.baseQuota.toString()}`);
	});
}

/** The resources registered first, then one quota-list per resource (filtered there: a deployment may have many users). */
export function baseQuotasProbes(host: Host, targets: readonly QuotaTarget[], exclude: readonly string[]): Probe[] {
	return [
		probe(host, resourceList, `${targets.map(([resource]) => resource).join(', ')} registered`, output => registeredVerdict(output, targets)),
		...targets.map(target => probe(
			host,
			argv('snf-manage', 'quota-list', '--unit-style', 'none', '--filter-by', `resource=${target[0]}`, '--output-format', 'json'),
			`every accepted user${exclude.length > 0 ? ' not excluded' : ''} has base quota ${target[1]} for ${target[0]}`,
			output => baseQuotasVerdict(output, target, exclude),
		)),
	];
}
