import {InputError} from '../domain/errors.js';
import type {Host} from '../domain/inventory-types.js';
import type {PlannedStep} from '../domain/plan-types.js';
import {actionHash} from './action-hash.js';
import {decideHost} from './decide.js';
import {failedGuards, heldGuards} from './guards.js';
import {trackHostChanges} from './host-changes.js';
import type {RunEvent, RunOutcome} from './events.js';
import {mapWithLimit} from './fan-out.js';
import {recoverInterrupted} from './recover.js';
import {executeHostWithChoices} from './host-choices.js';
import type {RunnerContext} from './run-command.js';
import {readFacts} from './read-facts.js';
import {Interrupted, stepRef, type RunFailure, type RunPlanOptions, type RunResult} from './run-types.js';
import {hostActions, stepHosts} from './step-hosts.js';

export type {ConfirmRequest, EditOperations, ExecutorSource, QuestionRequest, RunPlanOptions, RunResult} from './run-types.js';

type StepOutcome = 'ok' | 'failed' | 'declined';

/** The steps from `from` on; an unknown id is bad input. */
export function stepsFrom(steps: readonly PlannedStep[], from: string | undefined): readonly PlannedStep[] {
	if (from === undefined) {
		return steps;
	}

	const index = steps.findIndex(step => step.id === from);
	if (index === -1) {
		throw new InputError(`--from ${from}: no such step in the plan (or it is left out by --only/--skip)`, '`snf-upgrade plan` lists every step id.');
	}

	return steps.slice(index);
}

/**
 * Runs the plan's steps in runbook order; for each step: journal → facts (read-only, when a host is not done earlier) → probe → confirm →
 * execute → verify. A failed step stops the run after its other hosts finish; later steps stay untouched.
 */
export async function runPlan(given: RunPlanOptions): Promise<RunResult> {
	// Changing commands counted per host, so a host-local guardrail that held is not read again while its host is unchanged.
	const changes = trackHostChanges(given.executors);
	const options: RunPlanOptions = {...given, executors: changes.executors};
	const summary = {ran: 0, alreadyDone: 0, skipped: 0, failed: 0};
	const failures: RunFailure[] = [];
	const ctx: RunnerContext = {
		options,
		redact: options.redact,
		dryRun: options.dryRun ?? false,
		heldGuards: heldGuards(changes),
		emit(event: RunEvent) {
			if (event.type === 'step-failed') {
				summary.failed++;
				failures.push({step: event.step.id, host: event.host, message: event.message, ...(event.hint === undefined ? {} : {hint: event.hint})});
			}

			// A failure the admin resolved (run again and passed, or skipped) no longer counts as one.
			const resolved = event.type === 'step-done' || event.type === 'step-skipped' ? failures.findIndex(failure => failure.step === event.step.id && failure.host === event.host) : -1;
			if (resolved !== -1) {
				failures.splice(resolved, 1);
				summary.failed--;
			}

			options.onEvent(event);
		},
	};
	const limit = options.parallel ?? 8;
	// No step or host starts once either aborts: the abort (kills what runs) or the stop (lets it finish).
	const startSignal = options.stopSignal && options.signal ? AbortSignal.any([options.signal, options.stopSignal]) : options.stopSignal ?? options.signal;
	const steps = stepsFrom(options.steps, options.from);
	const confirmedSections = new Set<string>();
	const startedSections = new Set<string>();
	const now = () => (options.now ?? (() => new Date()))().toISOString();
	options.transcript.write(`run started: ${steps.length} steps${ctx.dryRun ? ' (dry run)' : ''}${options.from ? ` from ${options.from}` : ''}`);

	const skipAll = (step: PlannedStep, hosts: readonly Host[], reason: string) => {
		for (const id of hosts.length > 0 ? hosts.map(host => host.id) : ['*']) {
			if (!ctx.dryRun) {
				options.journal.set(step.id, id, {status: 'skipped', endedAt: now(), detail: reason});
			}

			summary.skipped++;
			ctx.emit({type: 'step-skipped', step: stepRef(step), host: id, reason: ctx.redact(reason), alreadyDone: false});
		}
	};

	const runStep = async (planned: PlannedStep): Promise<StepOutcome> => {
		const ref = stepRef(planned);
		if (!startedSections.has(planned.section.id)) {
			startedSections.add(planned.section.id);
			ctx.emit({type: 'section-started', section: planned.section});
		}

		const hosts = stepHosts(planned);
		ctx.emit({type: 'step-planned', step: ref, hosts: hosts.map(host => host.id)});
		if (planned.skipped !== undefined || hosts.length === 0) {
			skipAll(planned, hosts, planned.skipped ?? 'nothing to do on any host');
			return 'ok';
		}

		const hashes = new Map(hosts.map(host => [host.id, actionHash(hostActions(planned, host.id))]));
		// The facts come first (read-only): the probes and the actions both read them.
		let step = planned;
		const doneEarlier = (host: Host) => {
			const entry = options.journal.entry(planned.id, host.id);
			return entry?.status === 'done' && entry.actionHash === hashes.get(host.id);
		};

		if (planned.facts.length > 0 && options.rerender && !hosts.every(host => doneEarlier(host))) {
			const facts = await readFacts(ctx, planned, true);
			if (typeof facts === 'string') {
				for (const host of hosts.filter(candidate => !doneEarlier(candidate))) {
					if (!ctx.dryRun) {
						options.journal.set(planned.id, host.id, {status: 'failed', endedAt: now(), detail: facts.split('\n')[0]!});
					}

					ctx.emit({type: 'step-failed', step: ref, host: host.id, message: facts.split('\n')[0]!, outputTail: facts.split('\n').slice(1).join('\n')});
				}

				return 'failed';
			}

			step = options.rerender(planned, facts);
		}

		const decisions = await mapWithLimit(hosts, limit, async host => decideHost(ctx, step, host, hashes.get(host.id)!), startSignal);
		let undecided = false;
		const needing = hosts.filter((host, index) => {
			const decision = decisions[index]!;
			if ('failed' in decision) {
				undecided = true;
				if (!ctx.dryRun) {
					options.journal.set(planned.id, host.id, {status: 'failed', endedAt: now(), detail: ctx.redact(decision.reason)});
				}

				ctx.emit({type: 'step-failed', step: ref, host: host.id, message: ctx.redact(decision.reason), hint: ctx.redact(decision.hint)});
			} else if (!decision.run) {
				summary.alreadyDone++;
				ctx.emit({type: 'step-skipped', step: ref, host: host.id, reason: ctx.redact(decision.reason), alreadyDone: true});
			}

			return decision.run;
		});
		if (undecided) {
			return 'failed';
		}

		if (needing.length === 0) {
			return 'ok';
		}

		if (options.stopSignal?.aborted) {
			throw new Interrupted('stopped at a step boundary');
		}

		const guardFailure = await failedGuards(ctx, step);
		if (guardFailure !== undefined) {
			for (const host of needing) {
				if (!ctx.dryRun) {
					options.journal.set(planned.id, host.id, {status: 'failed', endedAt: now(), detail: guardFailure.message});
				}

				ctx.emit({type: 'step-failed', step: ref, host: host.id, message: guardFailure.message, hint: guardFailure.hint});
			}

			return 'failed';
		}

		if (!ctx.dryRun && !confirmedSections.has(planned.section.id)) {
			const sectionSteps = steps.filter(candidate => candidate.section.id === planned.section.id).map(candidate => stepRef(candidate));
			if (!(await options.confirm({kind: 'section', section: planned.section, steps: sectionSteps}))) {
				for (const host of needing) {
					ctx.emit({type: 'step-skipped', step: ref, host: host.id, reason: 'declined', alreadyDone: false});
				}

				return 'declined';
			}

			confirmedSections.add(planned.section.id);
		}

		const outcomes = await mapWithLimit(needing, limit, async host => executeHostWithChoices(ctx, step, host, hashes.get(host.id)!), startSignal);
		summary.ran += outcomes.filter(outcome => outcome === 'done').length;
		summary.alreadyDone += outcomes.filter(outcome => outcome === 'already done').length;
		summary.skipped += outcomes.filter(outcome => outcome === 'skipped').length;
		if (outcomes.includes('interrupted')) {
			throw new Interrupted('interrupted');
		}

		if (outcomes.includes('failed')) {
			return 'failed';
		}

		return outcomes.includes('declined') ? 'declined' : 'ok';
	};

	let outcome: RunOutcome = 'done';
	try {
		const blocked = await recoverInterrupted(ctx, steps);
		if (blocked) {
			outcome = 'failed';
		} else {
			for (const step of steps) {
				if (options.signal?.aborted || options.stopSignal?.aborted) {
					throw new Interrupted('interrupted');
				}

				const result = await runStep(step);
				if (result === 'declined') {
					outcome = 'declined';
					break;
				}

				if (result === 'failed' && !ctx.dryRun) {
					outcome = 'failed';
					break;
				}
			}
		}
	} catch (error) {
		if (!(error instanceof Interrupted || options.signal?.aborted || options.stopSignal?.aborted)) {
			await options.journal.durable().catch(() => undefined);
			throw error;
		}

		outcome = 'interrupted';
	}

	// What the run recorded since the last host's changes started (results, skips, failures) is on disk before it reports.
	await options.journal.durable();

	if (ctx.dryRun && outcome === 'done' && summary.failed > 0) {
		// A dry run goes on past failures to show the rest, but a failure is still one: `run --dry-run && run` must stop.
		outcome = 'failed';
	}

	options.transcript.write(`run finished: ${outcome} (ran ${summary.ran}, already done ${summary.alreadyDone}, skipped ${summary.skipped}, failed ${summary.failed})`);
	options.onEvent({type: 'run-finished', outcome, summary, ...(ctx.dryRun ? {dryRun: true} : {})});
	return {outcome, summary, failures};
}
