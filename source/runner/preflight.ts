import type {Host} from '../domain/inventory-types.js';
import {mapWithLimit} from './fan-out.js';
import {identityCommand, identityOf} from './host-identity.js';
import type {ExecutorSource} from './run-types.js';

export interface PreflightProblem {
	readonly host: Host;
	readonly problem: string;
}

/**
 * Before any step runs: every host the plan uses must answer a trivial command
 * (reachable, host key accepted, login works). Returns the hosts that did not. The command reads what
 * identifies the machine (see identityCommand); `identities` receives it by host id, where there is one.
 */
export async function preflight(hosts: readonly Host[], executors: ExecutorSource, options: {readonly parallel: number; readonly signal?: AbortSignal; readonly timeoutMs?: number; readonly identities?: Map<string, string>}): Promise<PreflightProblem[]> {
	const problems = await mapWithLimit(hosts, options.parallel, async (host): Promise<PreflightProblem | undefined> => {
		try {
			const result = await executors.get(host).run(identityCommand(host), {
				mutates: false,
				asRoot: false,
				timeoutMs: options.timeoutMs ?? 60_000,
				...(options.signal === undefined ? {} : {signal: options.signal}),
			});
			if (result.outcome === 'completed' && result.exitCode === 0) {
				const identity = identityOf(result.stdout);
				if (identity !== undefined) {
					options.identities?.set(host.id, identity);
				}

				return undefined;
			}

			const why = result.outcome === 'completed' ? `exit code ${result.exitCode ?? 'none'}${result.stderr ? `: ${result.stderr.trim()}` : ''}` : `${result.outcome}${result.failure ? `: ${result.failure}` : ''}`;
			return {host, problem: why};
		} catch (error) {
			return {host, problem: (error as Error).message};
		}
	});
	return problems.filter((problem): problem is PreflightProblem => problem !== undefined);
}
