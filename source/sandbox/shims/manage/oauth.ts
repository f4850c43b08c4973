import {flag, text} from '../options.js';
import {CommandError, djangoOptions, requireMigrated} from './framework.js';
import type {ManageCommand} from './framework.js';
import {listOptions, printList} from './list.js';
import type {ListSpec} from './list.js';
import type {OauthClient} from '../../state-types.js';

const maximumRedirectLength = 5000;

export const oauth2ClientAdd: ManageCommand = {
	name: 'oauth2-client-add',
	usageArgs: '<identifier>',
	provider: 'snf-astakos-app',
	since: '0.15',
	options: () => [...djangoOptions, {long: '--secret', kind: 'value'}, {long: '--is-trusted', kind: 'flag'}, {long: '--type', kind: 'value'}, {long: '--url', kind: 'multi'}],
	run(context, parsed) {
		if (parsed.positional.length !== 1) {
			throw new CommandError('Invalid number of arguments');
		}

		requireMigrated(context, 'oa2', 'oa2_client');
		const identifier = parsed.positional[0]!;
		const urls = ((parsed.values.url as string[] | undefined) ?? []).filter(url => {
			if (url.length >= maximumRedirectLength) {
				context.out(`Skipping too long URL: ${url.slice(0, 30)}...\n`);
				return false;
			}

			return true;
		});
		if (urls.length === 0) {
			throw new CommandError('There should be at least one redirect URI');
		}

		const type = text(parsed, 'type') ?? 'confidential';
		const secret = text(parsed, 'secret') ?? null;
		if (type === 'confidential' && !secret) {
			throw new CommandError('Confidential clients require a secret');
		}

		context.update(state => {
			if (state.oauthClients.some(client => client.identifier === identifier)) {
				throw new CommandError(`duplicate key value violates unique constraint "oa2_client_identifier_key"\nDETAIL:  Key (identifier)=(${identifier}) already exists.\n`);
			}

			const id = Math.max(0, ...state.oauthClients.map(client => client.id)) + 1;
			state.oauthClients.push({id, identifier, secret, type: type === 'public' ? 'public' : 'confidential', isTrusted: flag(parsed, 'is-trusted'), redirectUrls: urls});
		});
		context.out('Client created successfully\n');
		return 0;
	},
};

const clientList: ListSpec<OauthClient> = {
	fields: {
		id: [client => client.id, 'ID'],
		identifier: [client => client.identifier, 'Unique ID'],
		type: [client => client.type, 'Client type'],
		is_trusted: [client => client.isTrusted, 'Whether client is trusted or not'],
		redirect_urls: [client => client.redirectUrls.join(','), 'Registered redirect URLs'],
	},
	defaults: ['id', 'identifier', 'type', 'is_trusted'],
};

export const oauth2ClientList: ManageCommand = {
	name: 'oauth2-client-list',
	usageArgs: '',
	provider: 'snf-astakos-app',
	since: '0.15',
	options: () => [...djangoOptions, ...listOptions, {long: '--confidential', kind: 'flag'}, {long: '--public', kind: 'flag'}, {long: '--trusted', kind: 'flag'}],
	run(context, parsed) {
		requireMigrated(context, 'oa2', 'oa2_client');
		const clients = context.state().oauthClients.filter(client =>
			(!flag(parsed, 'confidential') || client.type === 'confidential') && (!flag(parsed, 'public') || client.type === 'public') && (!flag(parsed, 'trusted') || client.isTrusted));
		return printList(context, parsed, clientList, clients);
	},
};

export const oauth2ClientRemove: ManageCommand = {
	name: 'oauth2-client-remove',
	usageArgs: '<client ID or identifier>',
	provider: 'snf-astakos-app',
	since: '0.15',
	options: () => djangoOptions,
	run(context, parsed) {
		if (parsed.positional.length !== 1) {
			throw new CommandError('Please provide a client ID or identifier');
		}

		requireMigrated(context, 'oa2', 'oa2_client');
		const key = parsed.positional[0]!;
		context.update(state => {
			const before = state.oauthClients.length;
			state.oauthClients = state.oauthClients.filter(client => String(client.id) !== key && client.identifier !== key);
			if (state.oauthClients.length === before) {
				throw new CommandError('Client does not exist. You may run snf-manage oauth2-client-list for available client IDs.');
			}
		});
		return 0;
	},
};
