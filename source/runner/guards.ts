import type {Guard, Verdict} from '../domain/action-types.js';
import type {PlannedStep} from '../domain/plan-types.js';
import {mapWithLimit} from './fan-out.js';
import {failureText, runCommand, type RunnerContext} from './run-command.js';
import {stepRef} from './run-types.js';

/** A guardrail that does not hold: what was found, and the fix. */
export interface GuardFailure {
	readonly host: string;
	readonly message: string;
	readonly hint: string;
}

/**
 * Asserts the step's guardrails (read-only commands): the hosts at once (within --parallel, as a fan-out
 * step's hosts), each host's guards one after another until one does not hold. The first guard in their
 * declared order that does not hold, or cannot be read, is returned and the step must not run.
 */
export async function firstFailedGuard(ctx: RunnerContext, step: PlannedStep): Promise<GuardFailure | undefined> {
	const guards = step.guards ?? [];
	const byHost = new Map<string, Guard[]>();
	for (const guard of guards) {
		byHost.set(guard.host.id, [...(byHost.get(guard.host.id) ?? []), guard]);
	}

	const verdicts = new Map<Guard, Verdict>();
	await mapWithLimit([...byHost.values()], ctx.options.parallel ?? 8, async hostGuards => {
		for (const guard of hostGuards) {
			const {result} = await runCommand(ctx, {step: stepRef(step), host: guard.host, shell: guard.shell, asRoot: guard.asRoot, mutates: false, purpose: 'probe'});
			const verdict = result.outcome === 'completed'
				? guard.holds({exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr})
				: {ok: false, detail: `the check could not run (${failureText(result)})`};
			verdicts.set(guard, verdict);
			if (!verdict.ok) {
				return;
			}
		}
	}, ctx.options.signal);
	// A guard left unread follows one on its host that does not hold, so this loop returns before it.
	for (const guard of guards) {
		const verdict = verdicts.get(guard)!;
		ctx.options.transcript.write(`[${step.id} @ ${guard.host.id}] guardrail ${verdict.ok ? 'holds' : 'FAILS'}: ${guard.description}: ${verdict.detail}`);
		if (!verdict.ok) {
			return {host: guard.host.id, message: ctx.redact(`guardrail: ${guard.description}: ${verdict.detail}`), hint: guard.fix};
		}
	}

	return undefined;
}
