import {infiniteQuota} from '../answers/quota.js';
import {parseSnfManageJson} from './snf-manage-json.js';

export interface BaseQuotaRow {
	readonly user: string;
	readonly resource: string;
	readonly baseQuota: bigint;
}

/** A quota as `--unit-style none` prints it (facts §3.8: plain numbers; 2**63-1, or `inf`, for infinite); throws on anything else. */
export function quotaAmount(text: string, command: string): bigint {
	const trimmed = text.trim();
	if (trimmed === 'inf') {
		return infiniteQuota;
	}

	if (!/^\d+$/.test(trimmed)) {
		throw new Error(`snf-manage ${command} printed the quota ${JSON.stringify(trimmed.slice(0, 40))}, not a plain number (--unit-style none)`);
	}

	return BigInt(trimmed);
}

/**
 * `snf-manage quota-list --unit-style none --output-format json` (facts §3.8; S15 quota-list.py: labels
 * user, source, resource, base_quota, total_quota, usage, every value a string).
 */
export function parseBaseQuotas(stdout: string): BaseQuotaRow[] {
	return parseSnfManageJson(stdout, 'quota-list').map(row => {
		const {user, resource, base_quota: baseQuota} = row;
		if (user === undefined || resource === undefined || baseQuota === undefined) {
			throw new Error('snf-manage quota-list printed a row without user, resource and base_quota.');
		}

		return {user, resource, baseQuota: quotaAmount(baseQuota, 'quota-list')};
	});
}
