import {infiniteQuota} from '../answers/quota.js';
import {parseSnfManageJson} from './snf-manage-json.js';

/**
 * `snf-manage resource-list --unit-style=none --output-format json` with its default fields: resource
 * name → default base quota as a plain number, or `inf` (style none prints 2**63-1 for it). The column is `default_quota` at
 * 0.15 and `limit` at 0.14.10 (S1410 resource-list.py), so the default fields are asked for, which
 * both releases have.
 */
export function parseResourceDefaults(stdout: string): Map<string, string> {
	const quotas = new Map<string, string>();
	for (const row of parseSnfManageJson(stdout, 'resource-list')) {
		const name = row['name'];
		const quota = row['default_quota'] ?? row['limit'];
		if (name === undefined || quota === undefined) {
			throw new Error('snf-manage resource-list printed a row without name and default_quota (or limit).');
		}

		const text = quota.trim();
		quotas.set(name, text === infiniteQuota.toString() ? 'inf' : text);
	}

	return quotas;
}
