import {checkingSudo, hostsThroughSudo, noHostThroughSudo, sudoPasswordNeed, type QuestionNeed, type SudoFinding} from '../../domain/answers/sudo-password-need.js';
import type {Host} from '../../domain/inventory-types.js';
import {parseRootAccess, rootAccessScript} from '../../domain/parsers/root-access.js';
import {mapWithLimit} from '../../runner/fan-out.js';
import type {ExecutorSource} from '../../runner/run-types.js';

async function findRootAccess(host: Host, executors: ExecutorSource): Promise<SudoFinding> {
	try {
		const result = await executors.get(host).run(rootAccessScript, {mutates: false, asRoot: false, timeoutMs: 30_000});
		if (result.outcome !== 'completed' || result.exitCode !== 0) {
			return {host, problem: result.failure ?? `exit code ${String(result.exitCode)}: ${result.stderr.trim()}`};
		}

		return {host, access: parseRootAccess(result.stdout).access};
	} catch (error) {
		return {host, problem: (error as Error).message};
	}
}

/**
 * Whether the sudo password is needed, reported to `report`: without a host whose commands as root go
 * through sudo, not needed at once; otherwise 'checking', then what the root access check (read-only, as
 * the login user, at most `parallel` hosts at once) found. A check that fails says it cannot tell: asked.
 */
export async function reportSudoPasswordNeed(hosts: readonly Host[], withExecutors: <T>(work: (executors: ExecutorSource) => Promise<T>) => Promise<T>, parallel: number, report: (need: QuestionNeed) => void): Promise<void> {
	const throughSudo = hostsThroughSudo(hosts);
	if (throughSudo.length === 0) {
		report(noHostThroughSudo);
		return;
	}

	report(checkingSudo(throughSudo));
	try {
		report(sudoPasswordNeed(await withExecutors(async executors => mapWithLimit(throughSudo, parallel, async host => findRootAccess(host, executors)))));
	} catch (error) {
		report(sudoPasswordNeed(throughSudo.map(host => ({host, problem: (error as Error).message}))));
	}
}
