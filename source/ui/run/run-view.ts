import type {RunEvent, RunOutcome, RunSummary, StepRef} from '../../runner/events.js';
import type {ConfirmRequest, QuestionRequest} from '../../runner/run-types.js';
import {hostOutcomes, type CellState} from '../../runner/step-summary.js';

export type HostStatus = 'waiting' | 'running' | 'done' | 'already done' | 'skipped' | 'failed';

export interface HostLine {
	readonly host: string;
	readonly status: HostStatus;
	/** The command it runs now, or why it was skipped / failed. */
	readonly detail: string;
}

/** What the failure screen shows: host, command, exit code, output tail and hint. */
export interface FailureView {
	readonly step: StepRef;
	readonly host: string;
	readonly command: string | undefined;
	readonly message: string;
	readonly exitCode: number | null | undefined;
	readonly outputTail: string | undefined;
	readonly hint: string | undefined;
}

/** One line of scrollback: a finished step collapsed, an answered prompt, a notice. */
export interface ScrollbackLine {
	readonly key: string;
	readonly text: string;
	readonly tone: 'ok' | 'failed' | 'note' | 'section';
}

/** What the runner waits for from the admin, one at a time on screen (the others queue). */
export type Ask =
	| {readonly kind: 'failure'; readonly failure: FailureView; readonly fanOut: boolean}
	| {readonly kind: 'question'; readonly request: QuestionRequest; readonly hidden: boolean}
	| {readonly kind: 'confirm'; readonly request: ConfirmRequest};

/** Ctrl+C: asked, then either stopping after the running commands or aborting them. */
export type Interrupt = 'none' | 'asking' | 'stopping' | 'aborting';

export interface RunViewState {
	/** Lines not yet handed to the scrollback (the screen moves them to <Static>). */
	readonly scrollback: readonly ScrollbackLine[];
	readonly step: StepRef | undefined;
	/** The current step's hosts in plan order. */
	readonly hosts: readonly HostLine[];
	/** The last command each host ran (for the failure screen). */
	readonly commands: Readonly<Record<string, string>>;
	readonly asks: readonly Ask[];
	readonly interrupt: Interrupt;
	/** The host whose output tail is shown; undefined: the first running (or failed) one. */
	readonly selected: string | undefined;
	readonly finished: {readonly outcome: RunOutcome; readonly summary: RunSummary} | undefined;
	readonly lineCount: number;
}

export type RunAction =
	| {readonly type: 'event'; readonly event: RunEvent}
	| {readonly type: 'ask'; readonly ask: Ask}
	/** The first ask was answered. */
	| {readonly type: 'answered'}
	/** Every ask (or every ask of one kind) answered at once: retry all failed, abort. */
	| {readonly type: 'answered-all'; readonly kind?: Ask['kind']}
	| {readonly type: 'interrupt'; readonly interrupt: Interrupt}
	| {readonly type: 'select'; readonly offset: number}
	/** The screen has moved these many scrollback lines into <Static>. */
	| {readonly type: 'scrollback-taken'; readonly count: number};

export const initialRunView: RunViewState = {
	scrollback: [],
	step: undefined,
	hosts: [],
	commands: {},
	asks: [],
	interrupt: 'none',
	selected: undefined,
	finished: undefined,
	lineCount: 0,
};

/** A password-like prompt is typed hidden. */
export const looksSecret = (prompt: string): boolean => /pass(?:word|phrase)?|secret|token|pin\b/i.test(prompt);

const statusOrder: readonly HostStatus[] = ['failed', 'running', 'waiting', 'skipped', 'already done', 'done'];

/** Failing hosts first, then running, waiting, and the finished ones; plan order within each. */
export function hostsInOrder(hosts: readonly HostLine[]): HostLine[] {
	return [...hosts].sort((a, b) => statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status));
}

/** The states a fan-out step always counts, even at 0 (skipped only when some host was). */
const countedStates: readonly HostStatus[] = ['failed', 'running', 'waiting', 'done', 'already done'];

/**
 * "2 failed · 3 running · 10 waiting · 200 done · 41 already done" for a step on several hosts (every
 * state counted, 0 included, so that "0 failed" is said); one host: its state alone.
 */
export function countsLine(hosts: readonly HostLine[]): string {
	const count = (status: HostStatus) => hosts.filter(line => line.status === status).length;
	const states = hosts.length > 1 ? [...countedStates, ...(count('skipped') > 0 ? ['skipped' as const] : [])] : statusOrder.filter(status => count(status) > 0);
	return states.map(status => `${count(status)} ${status}`).join(' · ');
}

const cellStates: Record<HostStatus, CellState> = {waiting: 'unfinished', running: 'unfinished', done: 'done', 'already done': 'already done', skipped: 'skipped', failed: 'failed'};

/**
 * One line for a finished step: "✔ 2.1 Title · 1 done" on one host; on several, the counts `run --yes`
 * ends the step with (runner/step-summary.ts): "✖ 2.1 Title · FAILED on gnt3, gnt17; 250 done, 4 already done, 2 failed, 0 skipped".
 */
export function collapsedStep(step: StepRef, hosts: readonly HostLine[]): ScrollbackLine {
	const ok = hosts.every(line => line.status !== 'failed' && line.status !== 'running' && line.status !== 'waiting');
	const counts = hosts.length > 1 ? hostOutcomes(new Map(hosts.map(line => [line.host, cellStates[line.status]]))) : (countsLine(hosts) || 'nothing to do');
	return {key: `step-${step.id}`, text: `${ok ? '✔' : '✖'} ${step.section.number} ${step.title} · ${counts}`, tone: ok ? 'ok' : 'failed'};
}

function setHost(state: RunViewState, host: string, status: HostStatus, detail: string): RunViewState {
	const exists = state.hosts.some(line => line.host === host);
	const line = {host, status, detail};
	return {...state, hosts: exists ? state.hosts.map(entry => (entry.host === host ? line : entry)) : [...state.hosts, line]};
}

function closeStep(state: RunViewState): RunViewState {
	if (state.step === undefined) {
		return state;
	}

	return {...state, scrollback: [...state.scrollback, collapsedStep(state.step, state.hosts)], step: undefined, hosts: [], commands: {}, selected: undefined};
}

function onEvent(state: RunViewState, event: RunEvent): RunViewState {
	switch (event.type) {
		case 'section-started': {
			const closed = closeStep(state);
			return {...closed, scrollback: [...closed.scrollback, {key: `section-${event.section.id}`, text: `${event.section.number} ${event.section.title}`, tone: 'section'}]};
		}

		case 'step-planned': {
			const closed = closeStep(state);
			return {...closed, step: event.step, hosts: event.hosts.map(host => ({host, status: 'waiting', detail: ''}))};
		}

		case 'step-started': {
			return setHost(state, event.host, 'running', '');
		}

		case 'command': {
			return {...setHost(state, event.host, 'running', event.command), commands: {...state.commands, [event.host]: event.command}};
		}

		case 'prompt-answered': {
			const text = `  ${event.host}: answered ${event.answer} to ${event.description}`;
			return {...state, scrollback: [...state.scrollback, {key: `answer-${state.lineCount}`, text, tone: 'note'}], lineCount: state.lineCount + 1};
		}

		case 'step-done': {
			return setHost(state, event.host, 'done', event.detail);
		}

		case 'step-skipped': {
			return setHost(state, event.host, event.alreadyDone ? 'already done' : 'skipped', event.reason);
		}

		case 'step-failed': {
			return setHost(state, event.host, 'failed', event.message);
		}

		case 'notice': {
			return {...state, scrollback: [...state.scrollback, {key: `notice-${state.lineCount}`, text: `note: ${event.text}`, tone: 'note'}], lineCount: state.lineCount + 1};
		}

		case 'run-finished': {
			return {...closeStep(state), finished: {outcome: event.outcome, summary: event.summary}};
		}

		default: {
			return state;
		}
	}
}

export function reduceRunView(state: RunViewState, action: RunAction): RunViewState {
	switch (action.type) {
		case 'event': {
			return onEvent(state, action.event);
		}

		case 'ask': {
			return {...state, asks: [...state.asks, action.ask]};
		}

		case 'answered': {
			return {...state, asks: state.asks.slice(1)};
		}

		case 'answered-all': {
			return {...state, asks: action.kind === undefined ? [] : state.asks.filter(ask => ask.kind !== action.kind)};
		}

		case 'interrupt': {
			return {...state, interrupt: action.interrupt};
		}

		case 'select': {
			const order = hostsInOrder(state.hosts);
			const current = Math.max(0, order.findIndex(line => line.host === shownHost(state)));
			const next = order[Math.min(order.length - 1, Math.max(0, current + action.offset))];
			return {...state, selected: next?.host};
		}

		case 'scrollback-taken': {
			return {...state, scrollback: state.scrollback.slice(action.count)};
		}
	}
}

/** The host whose output the tail shows: the chosen one, else the first failing or running one. */
export function shownHost(state: RunViewState): string | undefined {
	if (state.selected !== undefined && state.hosts.some(line => line.host === state.selected)) {
		return state.selected;
	}

	const ask = state.asks[0];
	if (ask?.kind === 'failure') {
		return ask.failure.host;
	}

	return hostsInOrder(state.hosts).find(line => line.status === 'running' || line.status === 'failed')?.host ?? state.hosts[0]?.host;
}
