import type {Resource, SandboxState, User} from '../../state-types.js';
import {flag, text} from '../options.js';
import type {OptionSpec} from '../options.js';
import {CommandError, djangoOptions, outputFormatOption, requireMigrated} from './framework.js';
import type {ManageCommand, ManageContext} from './framework.js';
import {printList} from './list.js';
import {parseQuantity, showQuantity} from './units.js';

const userFlags = ['--renew-token', '--renew-password', '--set-admin', '--set-noadmin', '--set-active', '--set-inactive', '--accept', '--verify', '--reject', '--sign-terms', '--delete'];
const userValues = ['--invitations', '--level', '--password', '--inactive-reason', '--add-group', '--delete-group', '--add-permission', '--delete-permission', '--reject-reason', '--set-email'];

/** The base quota of a user: the user's own value, else the resource default. */
export function baseQuota(user: User, resource: Resource): string {
	return user.baseQuota[resource.name] ?? resource.defaultQuota;
}

async function confirm(context: ManageContext): Promise<boolean> {
	context.out('Confirm? [y/N] ');
	const response = (await context.readLine()) ?? 'ABORT';
	if (!['y', 'yes'].includes(response.toLowerCase())) {
		context.err('Aborted.\n');
		return false;
	}

	return true;
}

function resolveUser(state: SandboxState, key: string): User {
	const user = state.users.find(candidate => candidate.uuid === key || String(state.users.indexOf(candidate) + 1) === key);
	if (!user) {
		throw new CommandError(/^\d+$/.test(key) ? 'Invalid user ID' : 'Invalid user UUID');
	}

	return user;
}

export const userModify: ManageCommand = {
	name: 'user-modify',
	usageArgs: '<user ID> (or --all)',
	provider: 'snf-astakos-app',
	options(release) {
		const specs: OptionSpec[] = [...djangoOptions, ...userFlags.map(long => ({long, kind: 'flag' as const})), ...userValues.map(long => ({long, kind: 'value' as const}))];
		if (release === '0.15') {
			specs.push({long: '--all', kind: 'flag'}, {long: '--exclude', kind: 'value'}, {long: '--base-quota', kind: 'pair'}, {long: '--no-confirm', short: '-f', kind: 'flag'});
		} else {
			specs.push({long: '--set-base-quota', kind: 'pair'});
		}

		return specs;
	},
	async run(context, parsed) {
		requireMigrated(context, 'im', 'im_astakosuserquota');
		const all = flag(parsed, 'all');
		if (all ? parsed.positional.length > 0 : parsed.positional.length !== 1) {
			throw new CommandError('Please provide a user ID or --all');
		}

		const exclude = text(parsed, 'exclude')?.split(',');
		if (!all && exclude) {
			throw new CommandError('Option --exclude is meaningful only combined with --all.');
		}

		const pair = (parsed.values['base-quota'] ?? parsed.values['set-base-quota']) as [string, string] | undefined;
		if (!pair) {
			return 0;
		}

		const [resourceName, capacity] = pair;
		const state = context.state();
		const resource = state.resources.find(candidate => candidate.name === resourceName);
		const targets = all ? state.users.filter(user => user.accepted && !exclude?.includes(user.uuid)) : [resolveUser(state, parsed.positional[0]!)];
		if (!all && !targets[0]!.accepted) {
			throw new CommandError(`${targets[0]!.email} is not an accepted user.`);
		}

		if (!resource) {
			throw new CommandError(`No such resource '${resourceName}'.`);
		}

		const value = capacity === 'default' ? resource.defaultQuota : parseQuantity(capacity);
		if (value === undefined) {
			throw new CommandError("Please specify capacity as a decimal integer or 'default'");
		}

		if (!flag(parsed, 'no-confirm')) {
			const shown = capacity === 'default' ? capacity : showQuantity(value, resource.unit);
			if (all) {
				context.out(`This will set base quota for all users${exclude ? ` except ${exclude.join(', ')}` : ''}.\nresource: ${resource.name}\ncapacity: ${shown}\n`);
			} else {
				const user = targets[0]!;
				context.out(`user: ${user.uuid} (${user.email})\ndefault capacity: ${showQuantity(resource.defaultQuota, resource.unit)}\ncurrent capacity: ${showQuantity(baseQuota(user, resource), resource.unit)}\nnew capacity: ${shown}\n`);
			}

			if (!(await confirm(context))) {
				return 0;
			}
		}

		const uuids = new Set(targets.map(user => user.uuid));
		context.update(current => {
			for (const user of current.users) {
				if (uuids.has(user.uuid)) {
					user.baseQuota[resource.name] = value;
				}
			}
		});
		return 0;
	},
};

/** quota-list's --filter-by for the fields matched as they are (user, resource, source: S15 QHFLT); other filters are not modelled. */
function quotaFilters(option: string | undefined): Partial<Record<'user' | 'resource' | 'source', string>> {
	const filters: Partial<Record<'user' | 'resource' | 'source', string>> = {};
	for (const part of option === undefined ? [] : option.split(',')) {
		const match = /^(user|resource|source)=(.*)$/.exec(part);
		if (!match) {
			throw new CommandError(`The sandbox's quota-list filters only by user=, resource= and source= (got '${part}').`);
		}

		filters[match[1] as 'user' | 'resource' | 'source'] = match[2]!;
	}

	return filters;
}

interface QuotaRow {
	readonly user: User;
	readonly resource: Resource;
	readonly usage: number;
}

export const quotaList: ManageCommand = {
	name: 'quota-list',
	usageArgs: '',
	provider: 'snf-astakos-app',
	options: () => [
		...djangoOptions,
		{long: '--unit-style', kind: 'value', choices: ['b', 'kb', 'mb', 'gb', 'tb', 'pb', 'auto', 'none']},
		{long: '--overlimit', kind: 'flag'},
		{long: '--with-custom', kind: 'value', choices: ['True', 'False']},
		{long: '--filter-by', kind: 'value'},
		{long: '--displayname', kind: 'flag'},
		outputFormatOption,
	],
	run(context, parsed) {
		const state = context.state();
		const style = text(parsed, 'unit-style') ?? 'mb';
		const custom = text(parsed, 'with-custom');
		const filters = quotaFilters(text(parsed, 'filter-by'));
		const rows: QuotaRow[] = state.users.filter(user => user.accepted).flatMap(user => state.resources.map(resource => ({user, resource, usage: state.quotaholder[user.uuid]?.[resource.name] ?? 0})))
			.filter(row => (filters.user ?? row.user.uuid) === row.user.uuid && (filters.resource ?? row.resource.name) === row.resource.name && (filters.source ?? 'system') === 'system')
			.filter(row => custom === undefined || (custom === 'True') === (row.resource.name in row.user.baseQuota && row.user.baseQuota[row.resource.name] !== row.resource.defaultQuota))
			.filter(row => !flag(parsed, 'overlimit') || BigInt(row.usage) > BigInt(baseQuota(row.user, row.resource)));
		const show = (row: QuotaRow, value: string | number) => showQuantity(value, row.resource.unit, style);
		const fields = {
			...(flag(parsed, 'displayname') ? {displayname: [(row: QuotaRow) => row.user.email, 'Display name'] as const} : {}),
			user: [(row: QuotaRow) => row.user.uuid, 'User UUID'] as const,
			source: [() => 'system', 'Source'] as const,
			resource: [(row: QuotaRow) => row.resource.name, 'Resource'] as const,
			base_quota: [(row: QuotaRow) => show(row, baseQuota(row.user, row.resource)), 'Base quota'] as const,
			total_quota: [(row: QuotaRow) => show(row, baseQuota(row.user, row.resource)), 'Total quota'] as const,
			usage: [(row: QuotaRow) => show(row, row.usage), 'Usage'] as const,
		};
		return printList(context, parsed, {fields, defaults: Object.keys(fields)}, rows);
	},
};
