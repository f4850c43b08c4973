import type {PlannedStep} from '../domain/plan-types.js';
import {failureText, runCommand, type RunnerContext} from './run-command.js';
import {stepRef} from './run-types.js';

/** A guardrail that does not hold: what was found, and the fix. */
export interface GuardFailure {
	readonly host: string;
	readonly message: string;
	readonly hint: string;
}

/**
 * Asserts the step's guardrails (read-only commands, one after another); the first that does not hold,
 * or cannot be read, is returned and the step must not run.
 */
export async function firstFailedGuard(ctx: RunnerContext, step: PlannedStep): Promise<GuardFailure | undefined> {
	for (const guard of step.guards ?? []) {
		const {result} = await runCommand(ctx, {step: stepRef(step), host: guard.host, shell: guard.shell, asRoot: guard.asRoot, mutates: false, purpose: 'probe'});
		const verdict = result.outcome === 'completed'
			? guard.holds({exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr})
			: {ok: false, detail: `the check could not run (${failureText(result)})`};
		ctx.options.transcript.write(`[${step.id} @ ${guard.host.id}] guardrail ${verdict.ok ? 'holds' : 'FAILS'}: ${guard.description}: ${verdict.detail}`);
		if (!verdict.ok) {
			return {host: guard.host.id, message: ctx.redact(`guardrail: ${guard.description}: ${verdict.detail}`), hint: guard.fix};
		}
	}

	return undefined;
}
