import type {Resource} from '../../state-types.js';
import {text} from '../options.js';
import {CommandError, djangoOptions, requireMigrated} from './framework.js';
import type {ManageCommand} from './framework.js';
import {listOptions, printList} from './list.js';
import type {ListSpec} from './list.js';
import {parseBool, parseQuantity, showQuantity} from './units.js';

function spec(release: '0.14' | '0.15', style: string): ListSpec<Resource> {
	const common: ListSpec<Resource>['fields'] = {
		id: [resource => resource.id, 'ID'],
		name: [resource => resource.name, 'Resource Name'],
		service_type: [resource => resource.serviceType, 'Service type'],
		service_origin: [resource => resource.serviceOrigin, 'Service'],
		unit: [resource => resource.unit, 'Unit of measurement'],
	};
	if (release === '0.14') {
		return {
			fields: {...common, limit: [resource => showQuantity(resource.defaultQuota, resource.unit, style), 'Base quota'], description: [resource => resource.description, 'Resource description'], allow_in_projects: [() => true, 'Resource allowed in projects']},
			defaults: ['id', 'name', 'limit'],
		};
	}

	return {
		fields: {
			...common,
			default_quota: [resource => showQuantity(resource.defaultQuota, resource.unit, style), 'Default Quota'],
			description: [resource => resource.description, 'Resource description'],
			api_visible: [resource => resource.apiVisible, 'Resource accessibility through the API'],
			ui_visible: [resource => resource.uiVisible, 'Resource accessibility through the UI'],
		},
		defaults: ['id', 'name', 'default_quota', 'api_visible', 'ui_visible'],
	};
}

export const resourceList: ManageCommand = {
	name: 'resource-list',
	usageArgs: '',
	provider: 'snf-astakos-app',
	options: () => [...djangoOptions, ...listOptions, {long: '--unit-style', kind: 'value', choices: ['b', 'kb', 'mb', 'gb', 'tb', 'pb', 'auto', 'none']}],
	run(context, parsed) {
		requireMigrated(context, 'im', 'im_resource');
		return printList(context, parsed, spec(context.release, text(parsed, 'unit-style') ?? 'mb'), context.state().resources);
	},
};

const modifyOptions15 = ['default-quota', 'default-quota-interactive', 'default-quota-from-file', 'api-visible', 'ui-visible'];

export const resourceModify: ManageCommand = {
	name: 'resource-modify',
	usageArgs: '<resource name>',
	provider: 'snf-astakos-app',
	options: release => [
		...djangoOptions,
		...(release === '0.15'
			? [{long: '--default-quota', kind: 'value' as const}, {long: '--default-quota-interactive', kind: 'flag' as const}, {long: '--default-quota-from-file', kind: 'value' as const}, {long: '--api-visible', kind: 'value' as const}, {long: '--ui-visible', kind: 'value' as const}]
			: [{long: '--limit', kind: 'value' as const}, {long: '--interactive', kind: 'flag' as const}, {long: '--from-file', kind: 'value' as const}]),
		{long: '--unit-style', kind: 'value'},
	],
	run(context, parsed) {
		if (parsed.positional.length !== 1) {
			throw new CommandError('Please provide a resource name.');
		}

		requireMigrated(context, 'im', 'im_resource');
		const given = (context.release === '0.15' ? modifyOptions15 : ['limit', 'interactive', 'from-file']).filter(name => parsed.values[name] !== undefined);
		if (given.length !== 1) {
			throw new CommandError(`Please provide exactly one of the options: ${given.length === 0 ? 'none given' : given.map(name => `--${name}`).join(', ')}.`);
		}

		const name = parsed.positional[0]!;
		const option = given[0]!;
		context.update(state => {
			const resource = state.resources.find(candidate => candidate.name === name);
			if (!resource) {
				throw new CommandError(`Resource ${name} does not exist.`);
			}

			if (option === 'default-quota' || option === 'limit') {
				const quantity = parseQuantity(text(parsed, option)!);
				if (quantity === undefined) {
					throw new CommandError("Limit should be an integer, optionally followed by a unit, or 'inf'.");
				}

				resource.defaultQuota = quantity;
				return;
			}

			if (option === 'api-visible' || option === 'ui-visible') {
				const value = parseBool(text(parsed, option)!);
				if (value === undefined) {
					throw new CommandError(`Value for --${option} should be True or False.`);
				}

				if (option === 'api-visible') {
					resource.apiVisible = value;
					if (!value && resource.uiVisible) {
						resource.uiVisible = false;
						context.err("Also resetting 'ui_visible' for consistency.\n");
					}
				} else {
					resource.uiVisible = value;
					if (value && !resource.apiVisible) {
						resource.apiVisible = true;
						context.err("Also setting 'api_visible' for consistency.\n");
					}
				}

				return;
			}

			throw new CommandError('Interactive and file input are not supported in the sandbox; use --default-quota.');
		});
		return 0;
	},
};
