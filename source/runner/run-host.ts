import type {CommandAction, EditAction} from '../domain/action-types.js';
import {InputError, OperationError} from '../domain/errors.js';
import type {Host} from '../domain/inventory-types.js';
import type {PlannedStep} from '../domain/plan-types.js';
import {renderShell} from '../domain/shell-quote.js';
import type {JournalEntry} from '../state/journal.js';
import type {StepRef} from './events.js';
import {timeLimitMinutes} from '../domain/time-limits.js';
import {judgeOutput, wholeOutputText} from './kept-output.js';
import {tail} from './output-lines.js';
import {probeHost} from './probe.js';
import {durationText, failureText, runCommand, succeeded, type RunnerContext} from './run-command.js';
import {Declined, Interrupted, stepRef} from './run-types.js';

export type HostOutcome = 'done' | 'failed' | 'interrupted' | 'declined';

/** A failure of one action, with what the admin needs to see. */
class ActionFailed extends Error {
	override readonly name = 'ActionFailed';
	readonly exitCode: number | null | undefined;
	readonly outputTail: string | undefined;
	/** Set when the command may have taken effect (stopped at its time limit): the step is `unknown`, with this hint. */
	readonly unknownHint: string | undefined;

	constructor(message: string, exitCode?: number | null, outputTail?: string, unknownHint?: string) {
		super(message);
		this.exitCode = exitCode;
		this.outputTail = outputTail;
		this.unknownHint = unknownHint;
	}
}

async function confirmChange(ctx: RunnerContext, step: StepRef, host: Host, description: string) {
	if (!(await ctx.options.confirm({kind: 'action', step, host: host.id, description: ctx.redact(description)}))) {
		throw new Declined(description);
	}
}

async function runCommandAction(ctx: RunnerContext, step: StepRef, host: Host, action: CommandAction, state: {changing: boolean}) {
	const masked = renderShell(action.shell, 'mask');
	if (action.mutates && !ctx.dryRun) {
		await confirmChange(ctx, step, host, masked);
		state.changing = true;
	}

	const {result, outputTail, skipped, timeLimitMs} = await runCommand(ctx, {
		step, host, shell: action.shell, asRoot: action.asRoot, mutates: action.mutates, pty: action.pty, prompts: action.prompts, purpose: 'action',
		timeLimitMinutes: timeLimitMinutes(action), checked: action.check !== undefined,
	});
	if (skipped) {
		return;
	}

	if (result.outcome === 'timeout' && action.mutates) {
		throw new ActionFailed(`${masked}: ${failureText(result)}`, null, tail(outputTail), `it ran past its time limit (${durationText(timeLimitMs)}) and was stopped; it may or may not have taken effect. Look at ${host.id} (is a service or lock stuck? did it do its work?), then run again: the step is checked before anything else runs.`);
	}

	if (!succeeded(result, action.okExitCodes)) {
		throw new ActionFailed(`${masked}: ${failureText(result)}`, result.exitCode, tail(outputTail));
	}

	if (action.check) {
		const verdict = judgeOutput(result, action.check);
		ctx.options.transcript.write(`[${step.id} @ ${host.id}] check ${verdict.ok ? 'passed' : 'FAILED'}: ${verdict.detail}`);
		if (!verdict.ok) {
			// A changing command whose output was too long to check may have done its work: unknown, not failed.
			const unknown = result.outputCut && action.mutates ? `it succeeded, but its output is too long to check (over ${wholeOutputText}): it may or may not have taken effect. Look at ${host.id}, then run again: the step is checked before anything else runs.` : undefined;
			throw new ActionFailed(`${masked}: ${verdict.detail}`, result.exitCode, tail(outputTail), unknown);
		}
	}

	if (action.backup) {
		ctx.emit({type: 'backup-made', step, host: host.id, file: ctx.redact(action.backup.file), restore: ctx.redact(action.backup.restore)});
	}
}

async function runEditAction(ctx: RunnerContext, step: StepRef, host: Host, action: EditAction, state: {changing: boolean}) {
	const {options, redact} = ctx;
	const executor = options.executors.get(host);
	const snapshot = await options.edits.read(executor, action.path, options.signal);
	const {text, diff} = options.edits.preview(snapshot, action.edits);
	const label = `[${step.id} @ ${host.id}]`;
	if (text === snapshot.text) {
		options.transcript.write(`${label} edit ${action.path}: already as wanted, not written`);
		ctx.emit({type: 'output', step, host: host.id, stream: 'stdout', text: redact(`${action.path}: already as wanted`)});
		return;
	}

	ctx.emit({type: 'diff', step, host: host.id, path: action.path, diff: redact(diff), skipped: ctx.dryRun});
	options.transcript.write(`${label} edit ${action.path}${ctx.dryRun ? ' DRY RUN, not written' : ''}`, diff);
	if (ctx.dryRun) {
		return;
	}

	await confirmChange(ctx, step, host, `edit ${action.path}`);
	state.changing = true;
	const {detail, backup} = await options.edits.write(executor, snapshot, text, action.validate, options.signal);
	options.transcript.write(`${label} wrote ${action.path}: ${detail}`);
	if (backup) {
		ctx.emit({type: 'backup-made', step, host: host.id, file: redact(backup.file), restore: redact(backup.restore)});
	}
}

/** Runs one step's actions on one host, then its probe again as verification; records every change in the journal. */
export async function executeHost(ctx: RunnerContext, step: PlannedStep, host: Host, actionHash: string): Promise<HostOutcome> {
	const {options, emit, redact} = ctx;
	const now = () => (options.now ?? (() => new Date()))().toISOString();
	const ref = stepRef(step);
	const base = {actionHash, answersHash: options.answersHash, startedAt: now()};
	const record = (entry: Partial<JournalEntry> & Pick<JournalEntry, 'status'>) => {
		if (!ctx.dryRun) {
			options.journal.set(step.id, host.id, {...base, ...entry});
		}
	};

	const previous = options.journal.entry(step.id, host.id);
	record({status: 'running'});
	if (!ctx.dryRun) {
		// On disk before anything changes the host: after a crash of this machine the journal still says it may have.
		await options.journal.durable();
	}

	emit({type: 'step-started', step: ref, host: host.id});
	const state = {changing: false};
	try {
		for (const action of step.actions.filter(candidate => candidate.host.id === host.id)) {
			await (action.kind === 'command' ? runCommandAction(ctx, ref, host, action, state) : runEditAction(ctx, ref, host, action, state));
		}

		if (!ctx.dryRun) {
			const finding = await probeHost(ctx, step, host);
			if (finding && finding.status !== 'done') {
				const said = finding.status === 'cannot-tell' ? ' (its check cannot tell whether it took effect)' : '';
				throw new ActionFailed(`verification failed after the step ran${said}: ${finding.detail}`);
			}
		}

		const detail = ctx.dryRun ? 'dry run: read-only commands ran, changes shown' : 'done';
		record({status: 'done', exitCode: 0, endedAt: now(), detail});
		emit({type: 'step-done', step: ref, host: host.id, detail});
		return 'done';
	} catch (error) {
		const endedAt = now();
		if (error instanceof Interrupted || options.signal?.aborted) {
			const status = state.changing ? 'unknown' : 'failed';
			const detail = state.changing ? 'interrupted while changing the host: re-checked on the next run' : 'interrupted before it changed anything';
			record({status, exitCode: null, endedAt, detail});
			emit({type: 'step-failed', step: ref, host: host.id, message: detail});
			return 'interrupted';
		}

		if (error instanceof Declined) {
			if (state.changing) {
				record({status: 'failed', endedAt, detail: 'declined by the admin after some of its changes ran'});
			} else if (!ctx.dryRun) {
				options.journal.set(step.id, host.id, previous ?? {status: 'pending', detail: 'declined by the admin'});
			}

			emit({type: 'step-skipped', step: ref, host: host.id, reason: 'declined', alreadyDone: false});
			return 'declined';
		}

		const expected = error instanceof ActionFailed || error instanceof OperationError || error instanceof InputError;
		const message = redact((error as Error).message) + (ctx.dryRun ? ' (dry run: the earlier changes were not made, so this may pass in a real run)' : '');
		const exitCode = error instanceof ActionFailed ? error.exitCode : (error instanceof OperationError ? error.details.exitCode : undefined);
		const outputTail = error instanceof ActionFailed ? error.outputTail : (error instanceof OperationError ? error.details.outputTail : undefined);
		const hint = error instanceof OperationError ? error.details.hint : (error instanceof ActionFailed ? error.unknownHint : undefined);
		const unknownHint = error instanceof ActionFailed ? error.unknownHint : undefined;
		record({status: unknownHint === undefined && (expected || !state.changing) ? 'failed' : 'unknown', exitCode: exitCode ?? null, endedAt, detail: message});
		emit({
			type: 'step-failed', step: ref, host: host.id, message,
			...(exitCode === undefined ? {} : {exitCode}),
			...(outputTail === undefined ? {} : {outputTail: redact(outputTail)}),
			...(hint === undefined ? {} : {hint: redact(hint)}),
		});
		options.transcript.write(`[${step.id} @ ${host.id}] FAILED: ${message}`, expected ? outputTail : (error as Error).stack);
		if (!expected) {
			throw error;
		}

		return 'failed';
	}
}
