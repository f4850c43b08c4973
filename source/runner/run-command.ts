import type {PromptRule, Shell} from '../domain/action-types.js';
import type {Host} from '../domain/inventory-types.js';
import type {Redactor} from '../domain/redact.js';
import {renderShell, shellStdin} from '../domain/shell-quote.js';
import type {CommandResult} from '../executors/executor.js';
import {createPromptBroker} from '../executors/prompt-broker.js';
import type {RunEvent, StepRef} from './events.js';
import {defaultTimeLimitMinutes, quietNoticeMinutes} from '../domain/time-limits.js';
import {registeredCommand} from './host-lock-script.js';
import {tailOutputChars, valueCutDetail, wholeOutputChars} from './kept-output.js';
import {createCommandOutput} from './output-lines.js';
import {Interrupted, type RunPlanOptions} from './run-types.js';
import type {HeldGuards} from './guards.js';

/** What the pieces of the runner share during one run. */
export interface RunnerContext {
	readonly options: RunPlanOptions;
	readonly emit: (event: RunEvent) => void;
	readonly redact: Redactor;
	readonly dryRun: boolean;
	/** Host-local guardrails that held so far in this run (runPlan keeps them; absent: every guardrail is read each time). */
	readonly heldGuards?: HeldGuards;
}

export interface CommandRequest {
	readonly step: StepRef;
	readonly host: Host;
	readonly shell: Shell;
	readonly asRoot: boolean;
	readonly mutates: boolean;
	readonly pty?: boolean;
	readonly prompts?: readonly PromptRule[];
	/** Actions show their command and output; probes and facts go to the transcript only. */
	readonly purpose: 'action' | 'probe' | 'fact';
	/** Stop the command after this long (default: time-limits.ts defaultTimeLimitMinutes). */
	readonly timeLimitMinutes?: number;
	/**
	 * An action whose check reads its output: the result keeps it whole (up to wholeOutputChars, else it is
	 * cut and the check cannot tell). Probes and facts always keep it whole; other actions keep only its end.
	 */
	readonly checked?: boolean;
}

export interface CommandRun {
	/** Its stdout/stderr whole for probes, facts and checked actions (see CommandRequest.checked), else only their end. */
	readonly result: CommandResult;
	/** The last tailOutputLines lines of stdout and stderr in arrival order (redacted), for error tails. */
	readonly outputTail: string;
	/** A dry run only showed this changing command. */
	readonly skipped: boolean;
	/** The time limit the command ran under. */
	readonly timeLimitMs: number;
}

/** Runs one command on its host with the prompt broker, streaming redacted lines as events and into the transcript. */
export async function runCommand(ctx: RunnerContext, request: CommandRequest): Promise<CommandRun> {
	const {options, emit, redact} = ctx;
	const {step, host, purpose} = request;
	const signal = options.signal;
	if (signal?.aborted) {
		throw new Interrupted('interrupted');
	}

	const masked = renderShell(request.shell, 'mask');
	const skipped = ctx.dryRun && request.mutates;
	const label = `[${step.id} @ ${host.id}]`;
	options.transcript.write(`${label} ${purpose}${request.mutates ? ' (changes the host)' : ' (read-only)'}${skipped ? ' DRY RUN, not run' : ''}: ${masked}`);
	if (purpose === 'action') {
		emit({type: 'command', step: step, host: host.id, command: redact(masked), mutates: request.mutates, skipped});
	}

	const timeLimitMs = options.timeLimits?.limitMs ?? (request.timeLimitMinutes ?? defaultTimeLimitMinutes) * 60_000;
	const quiet = quietNotice(ctx, request, masked, timeLimitMs);
	const output = createCommandOutput({
		redact,
		onLines(stream, text, replacesLast) {
			if (purpose === 'action') {
				emit({type: 'output', step, host: host.id, stream, text, ...(replacesLast ? {replacesLast} : {})});
			}
		},
		writeBlock(block) {
			options.transcript.write(`${label} output so far (it still runs):`, block);
		},
	});
	const broker = createPromptBroker({
		rules: request.prompts ?? [],
		...(options.promptIdleMs === undefined ? {} : {idleMs: options.promptIdleMs}),
		...(options.sudoPassword === undefined ? {} : {sudoPassword: options.sudoPassword}),
		onAnswered(description, answer) {
			options.transcript.write(`${label} answered ${answer} to: ${description}`);
			if (purpose === 'action') {
				emit({type: 'prompt-answered', step, host: host.id, description: redact(description), answer: redact(answer)});
			}
		},
		async onUnknownPrompt(tail) {
			const prompt = redact(tail.trim());
			emit({type: 'prompt-waiting', step, host: host.id, prompt});
			options.transcript.write(`${label} waiting for input: ${prompt}`);
			return options.question({step, host: host.id, prompt});
		},
	});
	const executor = options.executors.get(host);
	// A command whose prompts the plan does not know gets end-of-file on stdin (after sudo's password, if
	// any): if it unexpectedly wants input it fails visibly instead of waiting for input nobody can see.
	// A command fed a line on stdin (a secret kept off the command line) gets that line, then end-of-file.
	const knowsPrompts = (request.prompts ?? []).length > 0 || (request.pty ?? false);
	const stdin = shellStdin(request.shell) ?? (knowsPrompts ? undefined : '');
	const line = renderShell(request.shell, 'reveal');
	const registry = request.mutates && !ctx.dryRun ? options.registerCommands : undefined;
	const result = await executor.run(registry === undefined ? line : registeredCommand(registry.directory(host), registry.run, step.id, line), {
		asRoot: request.asRoot,
		mutates: request.mutates,
		pty: request.pty ?? false,
		prompts: broker,
		...(stdin === undefined ? {} : {stdin}),
		...(signal === undefined ? {} : {signal}),
		...(options.killSignal === undefined ? {} : {killSignal: options.killSignal}),
		timeoutMs: timeLimitMs,
		keepChars: purpose !== 'action' || request.checked === true ? wholeOutputChars : tailOutputChars,
		onOutput(chunk) {
			quiet.heard();
			output.push(chunk);
		},
	});
	quiet.stop();
	const unwritten = output.end();
	const status = result.outcome === 'completed' ? `exit ${result.exitCode ?? `signal ${result.signal ?? '?'}`}` : `${result.outcome}${result.failure ? `: ${result.failure}` : ''}`;
	options.transcript.write(`${label} ${status}`, unwritten);
	if (signal?.aborted) {
		throw new Interrupted('interrupted');
	}

	return {result, outputTail: output.tail(), skipped, timeLimitMs};
}

/** A duration for messages: whole minutes from a minute on, else seconds. */
export const durationText = (ms: number) => (ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);

/** While a command says nothing for the quiet period, a notice every period: it still runs, and its limit. */
function quietNotice(ctx: RunnerContext, request: CommandRequest, masked: string, timeLimitMs: number): {heard(): void; stop(): void} {
	const periodMs = ctx.options.timeLimits?.quietNoticeMs ?? quietNoticeMinutes * 60_000;
	const started = Date.now();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const arm = () => {
		clearTimeout(timer);
		timer = setTimeout(() => {
			const text = ctx.redact(`${request.step.id} @ ${request.host.id}: no output for ${durationText(periodMs)} from ${masked}; it still runs (${durationText(Date.now() - started)} so far, stopped at ${durationText(timeLimitMs)}; Ctrl+C stops it)`);
			ctx.options.transcript.write(text);
			ctx.emit({type: 'notice', text});
			arm();
		}, periodMs);
		timer.unref();
	};

	arm();
	return {
		heard: arm,
		stop() {
			clearTimeout(timer);
		},
	};
}

/** Whether a finished command counts as success (exit 0 or one of okExitCodes). */
export function succeeded(result: CommandResult, okExitCodes: readonly number[] = []): boolean {
	return result.outcome === 'completed' && result.exitCode !== null && (result.exitCode === 0 || okExitCodes.includes(result.exitCode));
}

/** One line saying why a command did not succeed. */
export function failureText(result: CommandResult): string {
	switch (result.outcome) {
		case 'completed': {
			return result.exitCode === null ? `killed by ${result.signal ?? 'a signal'}` : `exit code ${result.exitCode}`;
		}

		case 'timeout': {
			return `timed out${result.failure ? ` (${result.failure})` : ''}`;
		}

		case 'aborted': {
			return result.failure ?? 'aborted';
		}

		case 'unknown': {
			return `outcome unknown${result.failure ? `: ${result.failure}` : ''} (it may or may not have taken effect)`;
		}
	}
}

/** Why a fact's command gives no value: it failed, or its output was cut; undefined when its stdout is the fact. */
export function factFailure(result: CommandResult): string | undefined {
	if (!succeeded(result)) {
		return failureText(result);
	}

	return result.outputCut ? valueCutDetail : undefined;
}
