import path from 'node:path';
import {readSettings} from '../python-settings.js';
import {loadState} from '../state.js';
import {releaseOf} from '../versions.js';
import type {ShimContext} from './context.js';
import {traceback} from './context.js';
import {componentList, componentModify, serviceImport} from './manage/components.js';
import {CommandError, PythonException, djangoOptions, managementContext} from './manage/framework.js';
import type {ManageCommand} from './manage/framework.js';
import {migrate, syncdb} from './manage/migrate.js';
import {networkInspect, reconcileNetworks} from './manage/network-backends.js';
import {backendList, networkList, networkModify} from './manage/networks.js';
import {oauth2ClientAdd, oauth2ClientList, oauth2ClientRemove} from './manage/oauth.js';
import {reconcileResourcesCyclades} from './manage/reconcile.js';
import {resourceList, resourceModify} from './manage/resources.js';
import {quotaList, userModify} from './manage/users.js';
import {OptparseError, parseOptions} from './options.js';

const djangoDefaults = new Set(['DATABASES', 'DEBUG', 'TEMPLATE_DEBUG', 'ADMINS', 'MANAGERS', 'TIME_ZONE', 'LANGUAGE_CODE', 'SECRET_KEY', 'MEDIA_ROOT', 'MEDIA_URL', 'USE_I18N', 'INSTALLED_APPS', 'LOGGING', 'CACHE_BACKEND', 'SESSION_COOKIE_NAME', 'EMAIL_HOST', 'DEFAULT_FROM_EMAIL', 'SERVER_EMAIL']);

const diffsettings: ManageCommand = {
	name: 'diffsettings',
	usageArgs: '',
	provider: 'snf-webproject',
	options: () => [...djangoOptions, {long: '--all', kind: 'flag'}],
	run(context) {
		const result = readSettings(context.settingsDir);
		if (!result.ok) {
			throw new PythonException(result.message);
		}

		const lines = Object.entries(result.reprs).map(([name, repr]) => `${name} = ${repr}${djangoDefaults.has(name) ? '' : '  ###'}`);
		context.out(lines.join('\n') + '\n');
		return 0;
	},
};

const registry: readonly ManageCommand[] = [
	syncdb, migrate, diffsettings,
	oauth2ClientAdd, oauth2ClientList, oauth2ClientRemove,
	componentList, componentModify, serviceImport,
	resourceList, resourceModify, userModify, quotaList,
	networkList, networkModify, networkInspect, reconcileNetworks, backendList, reconcileResourcesCyclades,
];

function usage(command: ManageCommand): string {
	return `Usage: snf-manage ${command.name} [options] ${command.usageArgs}`.trimEnd();
}

/** snf-manage: Django 1.4's manage.py with the Synnefo apps installed on this host. */
export default async function snfManage(shim: ShimContext): Promise<number> {
	const [name, ...args] = shim.args;
	const state = loadState(shim.sandbox);
	if (releaseOf(state, shim.host, 'snf-webproject') === undefined) {
		shim.err(`sh: 1: snf-manage: not found\n`);
		return 127;
	}

	if (releaseOf(state, shim.host, 'snf-common') !== releaseOf(state, shim.host, 'snf-webproject')) {
		shim.err(traceback("ImportError: cannot import name get_all_settings"));
		return 1;
	}

	const settingsDir = shim.env['SYNNEFO_SETTINGS_DIR'] ?? path.join('/etc', 'synnefo');
	const settings = readSettings(settingsDir, ['DEBUG']);
	if (!settings.ok) {
		shim.err(`${settings.message}\n`);
		return 1;
	}

	if (name === undefined || name === 'help') {
		shim.out("\nType 'snf-manage help <subcommand>' for help on a specific subcommand.\n\nAvailable subcommands:\n");
		return 0;
	}

	const command = registry.find(candidate => candidate.name === name);
	const release = command ? releaseOf(state, shim.host, command.provider) : undefined;
	if (!command || !release || (command.since === '0.15' && release !== '0.15')) {
		shim.err(`Unknown command: '${name}'\nType 'snf-manage help' for usage.\n`);
		return 1;
	}

	try {
		const parsed = parseOptions(args, command.options(release));
		return await command.run(managementContext(shim, release, settingsDir), parsed);
	} catch (error) {
		if (error instanceof OptparseError) {
			shim.err(`${usage(command)}\n\nsnf-manage: error: ${error.message}\n`);
			return 2;
		}

		if (error instanceof CommandError) {
			shim.err(`Error: ${error.message}${error.message.endsWith('\n') ? '' : '\n'}`);
			return 1;
		}

		if (error instanceof PythonException) {
			shim.err(traceback(error.message));
			return 1;
		}

		throw error;
	}
}
