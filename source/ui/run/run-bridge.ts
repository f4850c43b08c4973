import type {RunEvent} from '../../runner/events.js';
import type {FailureChoice} from '../../runner/run-types.js';
import {createOutputTails} from './output-tails.js';
import type {RunHooks} from './run-hooks.js';
import {initialRunView, looksSecret, reduceRunView, shownHost, type Ask, type FailureView, type RunAction, type RunViewState} from './run-view.js';

/** What the run screen draws: the view, and the output tail of the host it shows. */
export interface RunSnapshot {
	readonly view: RunViewState;
	readonly tailHost: string | undefined;
	/** The shown host's last lines (raw; the screen makes them drawable). */
	readonly tail: readonly string[];
}

export type InterruptChoice = 'stop' | 'abort' | 'continue';

export interface RunBridge {
	/** Spread into runPlan's options. */
	readonly hooks: RunHooks;
	subscribe(listener: () => void): () => void;
	/** The same object until something changed (useSyncExternalStore). */
	snapshot(): RunSnapshot;
	dispatch(action: RunAction): void;
	/** Answers the first ask on screen; 'retry-all' answers every failure asked with retry. */
	answerFailure(choice: FailureChoice | 'retry-all'): void;
	answerQuestion(text: string | undefined): void;
	answerConfirm(yes: boolean): void;
	/** Ctrl+C: the question is asked (a second Ctrl+C while it is shown aborts). */
	interrupt(): void;
	resolveInterrupt(choice: InterruptChoice): void;
	/** Draws whatever is pending now. */
	flush(): void;
	dispose(): void;
}

export interface RunBridgeOptions {
	/** Step mode: every changing command and file edit is confirmed by the admin. */
	readonly stepMode: boolean;
	/** Output is drawn at most this often (default 100 ms: about 10 redraws a second). */
	readonly flushMs?: number;
	/** Lines kept per host for the tail (the screen shows at most rows − 8). */
	readonly tailLines?: number;
}

type Resolver = (value: never) => void;

/**
 * The one bridge between the runner and the run screen: runner events and confirm/question/onFailure
 * calls become reducer actions (run-view.ts); output lines go to per-host rings instead, and the screen
 * is told at most every flushMs, so a command printing a million lines costs a million ring writes and
 * a few hundred redraws. Each ask's promise is settled by the admin's answer, or by an abort.
 */
export function createRunBridge(options: RunBridgeOptions): RunBridge {
	const flushMs = options.flushMs ?? 100;
	const abort = new AbortController();
	const stop = new AbortController();
	const tails = createOutputTails(options.tailLines ?? 60);
	const listeners = new Set<() => void>();
	/** Settles the asks in the order they are on screen. */
	const resolvers: Resolver[] = [];
	const failures = new Map<string, FailureView>();
	const lastCommand = new Map<string, string>();
	let view = initialRunView;
	let current: RunSnapshot = {view, tailHost: undefined, tail: []};
	let timer: ReturnType<typeof setTimeout> | undefined;

	const flush = () => {
		if (timer !== undefined) {
			clearTimeout(timer);
			timer = undefined;
		}

		const tailHost = shownHost(view);
		current = {view, tailHost, tail: tailHost === undefined ? [] : tails.lines(tailHost, options.tailLines ?? 60)};
		for (const listener of listeners) {
			listener();
		}
	};

	const later = () => {
		timer ??= setTimeout(flush, flushMs);
	};

	const dispatch = (action: RunAction, now = false) => {
		view = reduceRunView(view, action);
		if (now) {
			flush();
		} else {
			later();
		}
	};

	const ask = async <T>(entry: Ask, whenAborted: T): Promise<T> => {
		if (abort.signal.aborted) {
			return whenAborted;
		}

		return new Promise<T>(resolve => {
			resolvers.push(resolve as Resolver);
			dispatch({type: 'ask', ask: entry}, true);
		});
	};

	const settleFirst = (value: unknown) => {
		const resolve = resolvers.shift();
		if (resolve !== undefined) {
			dispatch({type: 'answered'}, true);
			(resolve as (value: unknown) => void)(value);
		}
	};

	/** Settles every ask (or every ask of one kind), in order, with the value it gets. */
	const settleAll = (value: (entry: Ask) => unknown, only?: Ask['kind']) => {
		const kept: Resolver[] = [];
		for (const [index, entry] of view.asks.entries()) {
			const resolve = resolvers[index]!;
			if (only === undefined || entry.kind === only) {
				(resolve as (value: unknown) => void)(value(entry));
			} else {
				kept.push(resolve);
			}
		}

		resolvers.splice(0, resolvers.length, ...kept);
		dispatch({type: 'answered-all', ...(only === undefined ? {} : {kind: only})}, true);
	};

	const onEvent = (event: RunEvent) => {
		switch (event.type) {
			case 'output': {
				tails.push(event.host, event.stream, event.text, event.replacesLast ?? false);
				later();
				return;
			}

			case 'command': {
				lastCommand.set(event.host, event.command);
				break;
			}

			case 'step-planned': {
				tails.clear();
				failures.clear();
				lastCommand.clear();
				break;
			}

			case 'step-failed': {
				failures.set(event.host, {
					step: event.step, host: event.host, command: lastCommand.get(event.host), message: event.message,
					exitCode: event.exitCode, outputTail: event.outputTail, hint: event.hint,
				});
				break;
			}

			default: {
				break;
			}
		}

		dispatch({type: 'event', event}, event.type === 'run-finished');
	};

	const hooks: RunHooks = {
		onEvent,
		signal: abort.signal,
		stopSignal: stop.signal,
		async confirm(request) {
			if (request.kind === 'section' || (request.kind === 'action' && !options.stepMode)) {
				return true;
			}

			return ask<boolean>({kind: 'confirm', request}, false);
		},
		async question(request) {
			return ask<string | undefined>({kind: 'question', request, hidden: looksSecret(request.prompt)}, undefined);
		},
		async onFailure(request) {
			const failure = failures.get(request.host) ?? {step: request.step, host: request.host, command: undefined, message: 'failed', exitCode: undefined, outputTail: undefined, hint: undefined};
			if (stop.signal.aborted) {
				return 'stop';
			}

			return ask<FailureChoice>({kind: 'failure', failure, fanOut: view.hosts.length > 1}, 'stop');
		},
	};

	return {
		hooks,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		snapshot: () => current,
		dispatch: action => dispatch(action, true),
		answerFailure(choice) {
			if (choice === 'retry-all') {
				settleAll(() => 'retry', 'failure');
			} else {
				settleFirst(choice);
			}
		},
		answerQuestion: text => settleFirst(text),
		answerConfirm: yes => settleFirst(yes),
		interrupt() {
			if (view.interrupt === 'asking') {
				hooks.onEvent({type: 'notice', text: 'Ctrl+C again: aborting now'});
				this.resolveInterrupt('abort');
				return;
			}

			if (view.interrupt === 'none') {
				dispatch({type: 'interrupt', interrupt: 'asking'}, true);
			}
		},
		resolveInterrupt(choice) {
			if (choice === 'continue') {
				dispatch({type: 'interrupt', interrupt: 'none'}, true);
				return;
			}

			if (choice === 'stop') {
				dispatch({type: 'interrupt', interrupt: 'stopping'}, true);
				stop.abort(new Error('stopped by the admin after the running commands'));
				// A failure waiting for a choice is no running command: it stands.
				settleAll(() => 'stop', 'failure');
				return;
			}

			dispatch({type: 'interrupt', interrupt: 'aborting'}, true);
			abort.abort(new Error('aborted by the admin (Ctrl+C)'));
			// Nothing the runner waits for may keep it from unwinding: every ask is settled with "no".
			settleAll(entry => (entry.kind === 'failure' ? 'stop' : (entry.kind === 'confirm' ? false : undefined)));
		},
		flush,
		dispose() {
			if (timer !== undefined) {
				clearTimeout(timer);
			}

			listeners.clear();
		},
	};
}
