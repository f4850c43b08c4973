import {southApps, shippedCount} from '../../migrations.js';
import type {SouthApp} from '../../migrations.js';
import {releaseOf} from '../../versions.js';
import type {ParsedOptions} from '../options.js';
import {flag, text} from '../options.js';
import {PythonException, djangoOptions} from './framework.js';
import type {ManageCommand, ManageContext} from './framework.js';

const appLabels: Readonly<Record<string, string>> = {im: 'astakos.im', oa2: 'astakos.oa2', quotaholder_app: 'astakos.quotaholder_app', db: 'synnefo.db', userdata: 'synnefo.userdata'};

function hostApps(context: ManageContext): Array<{app: SouthApp; shipped: number}> {
	const state = context.state();
	return southApps.flatMap(app => {
		const release = releaseOf(state, context.host, app.package);
		if (!release) {
			return [];
		}

		const shipped = shippedCount(app, release);
		return shipped > 0 ? [{app, shipped}] : [];
	});
}

/** Django's contenttypes post_syncdb hook: asks before deleting stale content types (facts §3.13). */
async function staleContentTypes(context: ManageContext, parsed: ParsedOptions): Promise<void> {
	const state = context.state();
	const labels = new Set(hostApps(context).filter(({app}) => releaseOf(state, context.host, app.package) === '0.15').map(({app}) => app.app));
	const stale = state.staleContentTypes.filter(entry => labels.has(entry.split(' | ')[0]!));
	if (stale.length === 0 || flag(parsed, 'noinput')) {
		if (stale.length > 0 && Number(text(parsed, 'verbosity') ?? '1') >= 2) {
			context.out('Stale content types remain.\n');
		}

		return;
	}

	context.out(`The following content types are stale and need to be deleted:\n\n${stale.map(entry => `    ${entry}`).join('\n')}\n\nAny objects related to these content types by a foreign key will also\nbe deleted. Are you sure you want to delete these content types?\nIf you're unsure, answer 'no'.\n\n    Type 'yes' to continue, or 'no' to cancel: `);
	const answer = await context.readLine();
	if (answer === undefined) {
		throw new PythonException('EOFError');
	}

	if (answer === 'yes') {
		context.update(current => {
			current.staleContentTypes = current.staleContentTypes.filter(entry => !stale.includes(entry));
		});
	} else if (Number(text(parsed, 'verbosity') ?? '1') >= 2) {
		context.out('Stale content types remain.\n');
	}
}

export const syncdb: ManageCommand = {
	name: 'syncdb',
	usageArgs: '',
	provider: 'snf-webproject',
	options: () => [...djangoOptions, {long: '--noinput', kind: 'flag'}, {long: '--database', kind: 'value'}, {long: '--migrate', kind: 'flag'}, {long: '--all', kind: 'flag'}],
	async run(context, parsed) {
		context.out('Syncing...\nCreating tables ...\n');
		await staleContentTypes(context, parsed);
		const apps = hostApps(context).map(({app}) => ` - ${appLabels[app.app]}`);
		context.out('Installing custom SQL ...\nInstalling indexes ...\nInstalled 0 object(s) from 0 fixture(s)\n\nSynced:\n > django.contrib.auth\n > django.contrib.contenttypes\n > django.contrib.sessions\n > django.contrib.sites\n > django.contrib.messages\n > south\n');
		context.out(`\nNot synced (use migrations):\n${apps.join('\n')}\n(use ./manage.py migrate to migrate these)\n`);
		return 0;
	},
};

function list(context: ManageContext, selected: ReturnType<typeof hostApps>): number {
	const state = context.state();
	for (const {app, shipped} of selected) {
		const applied = state.migrations[app.app] ?? 0;
		const lines = app.names.slice(0, shipped).map((name, index) => `  (${index < applied ? '*' : ' '}) ${name}`);
		context.out(`\n ${app.app}\n${lines.join('\n')}\n`);
	}

	context.out('\n');
	return 0;
}

export const migrate: ManageCommand = {
	name: 'migrate',
	usageArgs: '[appname] [migrationname|zero] [--all] [--list] [--skip] [--merge] [--no-initial-data] [--fake] [--db-dry-run] [--database=dbalias]',
	provider: 'snf-webproject',
	options: () => [...djangoOptions, ...['--noinput', '--list', '--all', '--skip', '--merge', '--no-initial-data', '--fake', '--db-dry-run', '--delete-ghost-migrations', '--ignore-ghost-migrations'].map(long => ({long, kind: 'flag' as const})), {long: '--database', kind: 'value'}],
	async run(context, parsed) {
		const apps = hostApps(context);
		const wanted = parsed.positional[0];
		const selected = wanted ? apps.filter(({app}) => app.app === wanted) : apps;
		if (wanted && selected.length === 0) {
			context.err(`The app '${wanted}' does not appear to use migrations.\n./manage.py migrate appname migrationname\n`);
			return 1;
		}

		if (flag(parsed, 'list')) {
			return list(context, selected);
		}

		for (const {app, shipped} of selected) {
			const applied = context.state().migrations[app.app] ?? 0;
			context.out(`Running migrations for ${app.app}:\n`);
			if (applied >= shipped) {
				context.out('- Nothing to migrate.\n');
			} else {
				context.out(` - Migrating forwards to ${app.names[shipped - 1]}.\n`);
				for (const name of app.names.slice(applied, shipped)) {
					context.out(` > ${app.app}:${name}\n`);
				}

				context.update(state => {
					state.migrations[app.app] = Math.max(state.migrations[app.app] ?? 0, shipped);
				});
			}

			context.out(` - Loading initial data for ${app.app}.\nInstalled 0 object(s) from 0 fixture(s)\n`);
		}

		await staleContentTypes(context, parsed);
		return 0;
	},
};
