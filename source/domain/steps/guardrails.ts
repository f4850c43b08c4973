import type {CommandOutput, Guard, Verdict} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import type {PlanContext} from '../plan-types.js';
import {argv, verdict, webHosts} from './builders.js';

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
