import type {PlannedStep} from '../domain/plan-types.js';
import {failureText, runCommand, type RunnerContext} from './run-command.js';
import {stepRef} from './run-types.js';

/** The guardrails of a step that do not hold: what was found on every failing host, and each fix. */
export interface GuardFailure {
	/** Every guardrail that failed, one `guardrail: <what must hold>: <what was found>` each, joined by '; '. */
	readonly message: string;
	/** The fixes of those guardrails, each once, joined by '; '. */
	readonly hint: string;
}

/**
 * Asserts every guardrail of the step (read-only commands, one after another), so the admin learns of
 * every failing host at once, not one per run. Undefined when all hold; otherwise the step must not run.
 * A guardrail whose check could not run does not hold.
 */
export async function failedGuards(ctx: RunnerContext, step: PlannedStep): Promise<GuardFailure | undefined> {
	const messages: string[] = [];
	const fixes: string[] = [];
	for (const guard of step.guards ?? []) {
		const {result} = await runCommand(ctx, {step: stepRef(step), host: guard.host, shell: guard.shell, asRoot: guard.asRoot, mutates: false, purpose: 'probe'});
		const verdict = result.outcome === 'completed'
			? guard.holds({exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr})
			: {ok: false, detail: `the check could not run (${failureText(result)})`};
		ctx.options.transcript.write(`[${step.id} @ ${guard.host.id}] guardrail ${verdict.ok ? 'holds' : 'FAILS'}: ${guard.description}: ${verdict.detail}`);
		if (!verdict.ok) {
			messages.push(ctx.redact(`guardrail: ${guard.description}: ${verdict.detail}`));
			if (!fixes.includes(guard.fix)) {
				fixes.push(guard.fix);
			}
		}
	}

	return messages.length === 0 ? undefined : {message: messages.join('; '), hint: fixes.join('; ')};
}
