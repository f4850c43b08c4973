import type {CommandOutput, Guard, Verdict} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import type {PlanContext} from '../plan-types.js';
import {dumpProbes} from './backups.js';
import {argv, verdict, webHosts} from './builders.js';
import {settingsKeptThroughInstall} from './settings-kept.js';

const lastLine = (output: CommandOutput) => (output.stdout.trim() || output.stderr.trim()).split('\n').at(-1) ?? '';

/** `service NAME status` (LSB): exit 0 running, 3 not running; anything else is not evidence either way. */
function serviceState(output: CommandOutput): 'running' | 'stopped' | undefined {
	return output.exitCode === 0 ? 'running' : output.exitCode === 3 ? 'stopped' : undefined;
}

function serviceGuard(host: Host, name: string, wanted: 'running' | 'stopped', fix: string): Guard {
	const holds = (output: CommandOutput): Verdict => {
		const state = serviceState(output);
		return state === undefined
			? verdict(false, `cannot tell (service ${name} status exited with ${output.exitCode ?? 'a signal'}: ${lastLine(output)})`)
			: verdict(state === wanted, `${name} is ${state === 'running' ? 'running' : 'not running'} on ${host.id}`);
	};

	return {host, shell: argv('service', name, 'status'), asRoot: true, description: `${name} is ${wanted} on ${host.id}`, holds, fix};
}

/**
 * Before the migrations: gunicorn stopped on every web host (installing the packages starts it again,
 * facts §6, §8 warning 4; a running gunicorn serves the old schema while it changes).
 */
export const webServicesDown = (ctx: PlanContext): Guard[] =>
	webHosts(ctx).map(host => serviceGuard(host, 'gunicorn', 'stopped', `stop it (service gunicorn stop on ${host.id}: the package install started it again), then run again`));

/** Before reconcile-resources-cyclades: Astakos answers (its gunicorn runs; facts §3.12, §8 warning 13). */
export const astakosUp = (ctx: PlanContext): Guard[] => [
	serviceGuard(ctx.inventory.astakos, 'gunicorn', 'running', `start Astakos first (service gunicorn start on ${ctx.inventory.astakos.id}: step start-astakos), then run again`),
];

/**
 * Before the first irreversible step (the migrations): the whole-database dumps of backup-databases are
 * there and whole (the writes' check: pg_restore reads every block; `pg_restore -l` would pass a dump cut
 * in its data). A dump that cannot be read is not a backup: the guard fails on "cannot tell" too.
 */
export const wholeBackupExists = (ctx: PlanContext): Guard[] =>
	dumpProbes(ctx, 'before-0.15').map(({host, shell, asRoot, description, isDone}) => ({
		host,
		shell,
		asRoot,
		description: `the backup before the migrations: ${description}`,
		holds: isDone,
		fix: `take it again (snf-upgrade run --only services-down: step backup-databases, on ${host.id}), then run again`,
	}));

/** The migrations' guardrails: a whole backup, the web services down, the settings kept through the install (a lost PITHOS_BACKEND_DB_CONNECTION would migrate another database). */
export const beforeMigrations = (ctx: PlanContext): Guard[] => [...wholeBackupExists(ctx), ...webServicesDown(ctx), ...settingsKeptThroughInstall(ctx)];
