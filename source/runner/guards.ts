import type {Guard, Verdict} from '../domain/action-types.js';
import type {PlannedStep} from '../domain/plan-types.js';
import {mapWithLimit} from './fan-out.js';
import {judgeOutput} from './kept-output.js';
import {failureText, runCommand, type RunnerContext} from './run-command.js';
import {stepRef} from './run-types.js';
import type {HostChanges} from './host-changes.js';

/** The guardrails of a step that do not hold: what was found on every failing host, and each fix. */
export interface GuardFailure {
	/** Every guardrail that failed, one `guardrail: <what must hold>: <what was found>` each, joined by '; '. */
	readonly message: string;
	/** The fixes of those guardrails, each once, joined by '; '. */
	readonly hint: string;
}

/** Host-local guardrails (Guard.hostLocal) that held in this run, each with its host's change count when it was read. */
export interface HeldGuards {
	readonly changes: HostChanges;
	readonly held: Map<string, {readonly count: number; readonly verdict: Verdict; readonly step: string; readonly at: string}>;
}

export function heldGuards(changes: HostChanges): HeldGuards {
	return {changes, held: new Map()};
}

/**
 * Reads one guardrail's check; one whose check could not run does not hold. A host-local one that held
 * earlier in the run, with no changing command on its host since, holds without being read again
 * (`earlier` says when it was read).
 */
async function assertGuard(ctx: RunnerContext, step: PlannedStep, guard: Guard): Promise<{verdict: Verdict; earlier?: string}> {
	const memo = guard.hostLocal === true ? ctx.heldGuards : undefined;
	const key = `${guard.host.id}\0${String(guard.asRoot)}\0${JSON.stringify(guard.shell)}`;
	const count = memo?.changes.count(guard.host);
	const kept = memo?.held.get(key);
	if (kept !== undefined && kept.count === count) {
		return {verdict: kept.verdict, earlier: ` (as read for ${kept.step} at ${kept.at}; no changing command ran on ${guard.host.id} since)`};
	}

	const {result} = await runCommand(ctx, {step: stepRef(step), host: guard.host, shell: guard.shell, asRoot: guard.asRoot, mutates: false, purpose: 'probe'});
	const verdict = result.outcome === 'completed'
		? judgeOutput(result, guard.holds)
		: {ok: false, detail: `the check could not run (${failureText(result)})`};
	if (memo !== undefined && verdict.ok && memo.changes.count(guard.host) === count) {
		memo.held.set(key, {count: count!, verdict, step: step.id, at: (ctx.options.now ?? (() => new Date()))().toISOString()});
	}

	return {verdict};
}

/**
 * Asserts every guardrail of the step (read-only commands), so the admin learns of every failing host at
 * once, not one per run: the hosts at once (within --parallel, as a fan-out step's hosts), each host's
 * guardrails one after another (no two whole-dump reads at once on the database host). Reported in their
 * declared order. Undefined when all hold; otherwise the step must not run.
 */
export async function failedGuards(ctx: RunnerContext, step: PlannedStep): Promise<GuardFailure | undefined> {
	const guards = step.guards ?? [];
	const byHost = new Map<string, Guard[]>();
	for (const guard of guards) {
		byHost.set(guard.host.id, [...(byHost.get(guard.host.id) ?? []), guard]);
	}

	const verdicts = new Map<Guard, {verdict: Verdict; earlier?: string}>();
	await mapWithLimit([...byHost.values()], ctx.options.parallel ?? 8, async hostGuards => {
		for (const guard of hostGuards) {
			verdicts.set(guard, await assertGuard(ctx, step, guard));
		}
	}, ctx.options.signal);
	const messages: string[] = [];
	const fixes: string[] = [];
	for (const guard of guards) {
		const {verdict, earlier = ''} = verdicts.get(guard)!;
		ctx.options.transcript.write(`[${step.id} @ ${guard.host.id}] guardrail ${verdict.ok ? 'holds' : 'FAILS'}: ${guard.description}: ${verdict.detail}${earlier}`);
		if (!verdict.ok) {
			messages.push(ctx.redact(`guardrail: ${guard.description}: ${verdict.detail}`));
			if (!fixes.includes(guard.fix)) {
				fixes.push(guard.fix);
			}
		}
	}

	return messages.length === 0 ? undefined : {message: messages.join('; '), hint: fixes.join('; ')};
}
