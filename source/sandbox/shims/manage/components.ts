import fs from 'node:fs';
import {infinite} from '../../resource-catalogue.js';
import type {ServiceDefinition} from '../../resource-catalogue.js';
import type {Component, SandboxState} from '../../state-types.js';
import {flag, text} from '../options.js';
import {CommandError, djangoOptions, requireMigrated} from './framework.js';
import type {ManageCommand, ManageContext} from './framework.js';
import {listOptions, printList} from './list.js';
import type {ListSpec} from './list.js';

const fields14: ListSpec<Component>['fields'] = {
	id: [component => component.id, 'Component ID'],
	name: [component => component.name, 'Component Name'],
	ui_url: [component => component.uiUrl, 'Component UI URL'],
	token: [component => component.token, 'Authentication token'],
	token_created: [component => component.tokenCreated, 'Token creation date'],
};

const fields15: ListSpec<Component>['fields'] = {
	id: fields14.id!,
	name: fields14.name!,
	base_url: [component => component.baseUrl, 'Component base URL'],
	ui_url: fields14.ui_url!,
	token: fields14.token!,
	token_created: fields14.token_created!,
};

export const componentList: ManageCommand = {
	name: 'component-list',
	usageArgs: '',
	provider: 'snf-astakos-app',
	options: () => [...djangoOptions, ...listOptions],
	run(context, parsed) {
		requireMigrated(context, 'im', 'im_component');
		const spec = context.release === '0.15' ? {fields: fields15, defaults: ['id', 'name', 'base_url']} : {fields: fields14, defaults: ['id', 'name', 'ui_url']};
		return printList(context, parsed, spec, context.state().components);
	},
};

function findComponent(state: SandboxState, key: string): Component {
	const component = state.components.find(candidate => String(candidate.id) === key || candidate.name === key);
	if (!component) {
		throw new CommandError(`Component ${key} not found.`);
	}

	return component;
}

export const componentModify: ManageCommand = {
	name: 'component-modify',
	usageArgs: '<component ID or name>',
	provider: 'snf-astakos-app',
	options: release => [
		...djangoOptions,
		...(release === '0.15' ? [{long: '--base-url', kind: 'value' as const}] : []),
		{long: '--ui-url', kind: 'value'},
		{long: '--renew-token', kind: 'flag'},
		{long: '--purge-services', kind: 'flag'},
	],
	run(context, parsed) {
		if (parsed.positional.length !== 1) {
			throw new CommandError('Wrong number of arguments.');
		}

		requireMigrated(context, 'im', 'im_component');
		context.update(state => {
			const component = findComponent(state, parsed.positional[0]!);
			const baseUrl = text(parsed, 'base-url');
			const uiUrl = text(parsed, 'ui-url');
			if (baseUrl !== undefined) {
				component.baseUrl = baseUrl;
			}

			if (uiUrl !== undefined) {
				component.uiUrl = uiUrl;
			}

			if (flag(parsed, 'purge-services')) {
				for (const [name, service] of Object.entries(state.services)) {
					if (service.component === component.name) {
						delete state.services[name];
					}
				}
			}
		});
		return 0;
	},
};

function importDefinitions(context: ManageContext, definitions: Record<string, ServiceDefinition>): void {
	context.update(state => {
		const messages: string[] = [];
		for (const [name, service] of Object.entries(definitions)) {
			findComponent(state, service.component);
			messages.push(`${name in state.services ? 'Updated' : 'Added'} service ${name}.`);
			state.services[name] = {component: service.component, type: service.type};
		}

		for (const service of Object.values(definitions)) {
			for (const definition of Object.values(service.resources ?? {})) {
				const existing = state.resources.find(resource => resource.name === definition.name);
				if (existing) {
					Object.assign(existing, {description: definition.desc, serviceType: definition.service_type, serviceOrigin: definition.service_origin, unit: definition.unit ?? null});
					messages.push(`Resource '${definition.name}' updated in database.`);
					continue;
				}

				const id = Math.max(0, ...state.resources.map(resource => resource.id)) + 1;
				const apiVisible = definition.api_visible ?? true;
				state.resources.push({id, name: definition.name, serviceType: definition.service_type, serviceOrigin: definition.service_origin, unit: definition.unit ?? null, defaultQuota: infinite, description: definition.desc, apiVisible, uiVisible: apiVisible && (definition.ui_visible ?? true)});
				for (const user of state.users) {
					state.quotaholder[user.uuid] = {...state.quotaholder[user.uuid], [definition.name]: 0};
					// qh_sync_new_resource (S15 astakos/im/quotas.py): each existing user gets a base quota row at the default
					// of the moment (unlimited), which a later --default-quota does not change (facts §8 warning 9).
					if (user.accepted) {
						user.baseQuota[definition.name] = infinite;
					}
				}

				messages.push(`Resource '${definition.name}' created in database with unlimited quota.`);
			}
		}

		context.err(messages.map(message => `${message}\n`).join(''));
	});
}

export const serviceImport: ManageCommand = {
	name: 'service-import',
	usageArgs: '--json <file>',
	provider: 'snf-astakos-app',
	options: () => [...djangoOptions, {long: '--json', kind: 'value'}],
	async run(context, parsed) {
		const file = text(parsed, 'json');
		if (!file) {
			throw new CommandError('Please specify a JSON file.');
		}

		requireMigrated(context, 'im', 'im_service');
		let content = '';
		if (file === '-') {
			const lines: string[] = [];
			for (let line = await context.readLine(); line !== undefined; line = await context.readLine()) {
				lines.push(line);
			}

			content = lines.join('\n');
		} else {
			try {
				content = fs.readFileSync(file, 'utf8');
			} catch {
				throw new CommandError(`Cannot read file ${file}.`);
			}
		}

		let definitions: Record<string, ServiceDefinition>;
		try {
			definitions = JSON.parse(content) as Record<string, ServiceDefinition>;
		} catch {
			throw new CommandError('Could not parse JSON input.');
		}

		importDefinitions(context, definitions);
		return 0;
	},
};
