import {cycladesUsage} from '../../quota-usage.js';
import {isRunning} from '../../versions.js';
import {flag, text} from '../options.js';
import {pretty} from '../table.js';
import {CommandError, djangoOptions, requireMigrated} from './framework.js';
import type {ManageCommand} from './framework.js';
import {baseQuota} from './users.js';

/** snf-manage reconcile-resources-cyclades (facts §3.12): Cyclades DB usage against the Astakos quotaholder. */
export const reconcileResourcesCyclades: ManageCommand = {
	name: 'reconcile-resources-cyclades',
	usageArgs: '',
	provider: 'snf-cyclades-app',
	options: release => [...djangoOptions, {long: '--userid', kind: 'value'}, {long: '--fix', kind: 'flag'}, ...(release === '0.15' ? [{long: '--force', kind: 'flag' as const}] : [])],
	run(context, parsed) {
		requireMigrated(context, 'db', 'db_ipaddress');
		const state = context.state();
		if (!isRunning(state, state.roles.astakos, 'gunicorn')) {
			// The astakosclient call fails; the command turns the AstakosClientException into a CommandError.
			throw new CommandError('[Errno 111] Connection refused');
		}

		const userid = text(parsed, 'userid');
		const database = cycladesUsage(state, context.release);
		const rows: Array<{user: string; resource: string; db: number; qh: number | undefined}> = [];
		for (const [user, usage] of Object.entries(database)) {
			if (userid !== undefined && user !== userid) {
				continue;
			}

			for (const [resource, value] of Object.entries(usage)) {
				const holding = state.quotaholder[user]?.[resource];
				if (holding !== value) {
					rows.push({user, resource, db: value, qh: holding});
				}
			}
		}

		if (rows.length === 0) {
			context.err('Everything in sync.\n');
			return 0;
		}

		context.out(pretty(['User', 'Resource', 'Database', 'Quotaholder'], rows.map(row => [row.user, row.resource, String(row.db), row.qh === undefined ? 'None' : String(row.qh)]), true));
		if (!flag(parsed, 'fix')) {
			return 0;
		}

		const unknown = rows.find(row => !state.resources.some(resource => resource.name === row.resource));
		if (unknown) {
			throw new CommandError(`Unknown resource '${unknown.resource}'`);
		}

		const overLimit = rows.some(row => {
			const user = state.users.find(candidate => candidate.uuid === row.user);
			const resource = state.resources.find(candidate => candidate.name === row.resource);
			return user && resource && row.db > (row.qh ?? 0) && BigInt(row.db) > BigInt(baseQuota(user, resource));
		});
		if (overLimit && !flag(parsed, 'force')) {
			context.err('Reconciling failed because a limit has been reached. Use --force to ignore the check.\n');
			return 0;
		}

		context.update(current => {
			for (const row of rows) {
				current.quotaholder[row.user] = {...current.quotaholder[row.user], [row.resource]: row.db};
			}
		});
		context.err('Fixed unsynced resources\n');
		return 0;
	},
};
