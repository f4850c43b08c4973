import React, {useEffect, useRef, useState, useSyncExternalStore} from 'react';
import {Box, Text} from 'ink';
import type {RunResult} from '../../runner/run-types.js';
import {useKeys} from '../inputs/key-router.js';
import {KeyHelp} from '../key-help.js';
import {useScrollback} from '../scrollback.js';
import {useTerminalSize} from '../use-terminal-size.js';
import {createRunBridge, type RunBridge} from './run-bridge.js';
import type {RunHooks} from './run-hooks.js';
import {hostWindow, runLayout} from './run-layout.js';
import {AskPanel, failureChoices, panelRows} from './run-panels.js';
import {countsLine, type HostLine} from './run-view.js';
import {screenLine} from './screen-line.js';

export interface RunScreenProps<Result extends RunResult = RunResult> {
	/** Starts the run (runPlan, the one run --yes uses) with the screen's hooks; called once. */
	readonly start: (hooks: RunHooks) => Promise<Result>;
	/** Every changing command and file edit asks first. */
	readonly stepMode: boolean;
	/** The run is over and its lines are in the scrollback. Outcome 'interrupted' after an abort or stop: exit 130. */
	readonly onFinished: (result: Result) => void;
	/** The section, for the heading until its first step starts. */
	readonly title?: string;
	/** The runner failed unexpectedly (a bug); without it the error is thrown from the render (Ink shows it with its stack and exits). */
	readonly onError?: (error: unknown) => void;
	/** For tests: a bridge built outside (default: a new one). */
	readonly bridge?: RunBridge;
}

const statusColours = {waiting: 'gray', running: 'yellow', done: 'green', 'already done': 'green', skipped: 'gray', failed: 'red'} as const;

function HostRow({line, selected, width, columns}: {readonly line: HostLine; readonly selected: boolean; readonly width: number; readonly columns: number}) {
	const text = screenLine(`${selected ? '›' : ' '} ${line.host.padEnd(width)} ${line.status.padEnd(12)} ${line.detail}`, columns);
	return <Text color={statusColours[line.status]} bold={selected} wrap="truncate">{text}</Text>;
}

/**
 * The run of a section: one status line per host (failing first, scrolling when there are many), a
 * bounded live tail of the shown host's output, and below it whatever the runner waits for (a failure's
 * choices, an unknown prompt, a confirmation) or the Ctrl+C question. Finished steps go to the
 * scrollback as one line each. Ctrl+C never ends the process here: it asks.
 */
export function RunScreen<Result extends RunResult>({start, stepMode, title, onFinished, onError, bridge: given}: RunScreenProps<Result>) {
	const bridgeRef = useRef<RunBridge | undefined>(given);
	bridgeRef.current ??= createRunBridge({stepMode});
	const bridge = bridgeRef.current;
	const snapshot = useSyncExternalStore(bridge.subscribe, bridge.snapshot);
	const {columns, rows} = useTerminalSize();
	const append = useScrollback();
	const [result, setResult] = useState<Result | undefined>();
	const [crash, setCrash] = useState<{readonly error: unknown} | undefined>();
	const callbacks = useRef({start, onFinished, onError});
	callbacks.current = {start, onFinished, onError};

	useEffect(() => {
		let mounted = true;
		callbacks.current.start(bridge.hooks).then(
			outcome => {
				bridge.flush();
				if (mounted) {
					setResult(outcome);
				}
			},
			(error: unknown) => {
				if (mounted) {
					if (callbacks.current.onError === undefined) {
						setCrash({error});
					} else {
						callbacks.current.onError(error);
					}
				}
			},
		);
		return () => {
			mounted = false;
			bridge.dispose();
		};
	}, [bridge]);

	const {view, tail, tailHost} = snapshot;
	useEffect(() => {
		if (view.scrollback.length > 0) {
			append(view.scrollback);
			bridge.dispatch({type: 'scrollback-taken', count: view.scrollback.length});
		} else if (result !== undefined) {
			callbacks.current.onFinished(result);
		}
	}, [view.scrollback, result, append, bridge]);

	const ask = view.asks[0];
	const typing = ask?.kind === 'question' && view.interrupt === 'none';
	useKeys((input, key) => {
		if (key.ctrl && input === 'c') {
			bridge.interrupt();
			return;
		}

		if (view.interrupt === 'asking') {
			const choice = ({s: 'stop', a: 'abort', c: 'continue'} as const)[input as 's' | 'a' | 'c'];
			if (choice !== undefined || key.escape) {
				bridge.resolveInterrupt(choice ?? 'continue');
			}

			return;
		}

		if (typing) {
			if (key.escape) {
				bridge.answerQuestion(undefined);
			}

			return;
		}

		// The host list scrolls with the host whose output is shown: a line, a page, or to either end.
		const page = Math.max(1, runLayout(rows, view.hosts.length, panelRows(ask, view.interrupt)).hostRows - 1);
		const offset = key.upArrow ? -1 : (key.downArrow ? 1 : (key.pageUp ? -page : (key.pageDown ? page : (key.home ? -view.hosts.length : (key.end ? view.hosts.length : 0)))));
		if (offset !== 0) {
			bridge.dispatch({type: 'select', offset});
		} else if (ask?.kind === 'failure') {
			const choice = ({r: 'retry', s: 'skip', q: 'stop', ...(ask.fanOut ? {a: 'retry-all'} : {})} as const)[input as 'r' | 's' | 'q'];
			if (choice !== undefined) {
				bridge.answerFailure(choice);
			}
		} else if (ask?.kind === 'confirm' && (input === 'y' || input === 'n')) {
			bridge.answerConfirm(input === 'y');
		}
	});

	if (crash !== undefined) {
		throw crash.error;
	}

	const layout = runLayout(rows, view.hosts.length, panelRows(ask, view.interrupt));
	const window = hostWindow(view.hosts, layout.hostRows, tailHost);
	const hostWidth = Math.min(24, Math.max(0, ...view.hosts.map(line => line.host.length)));
	const failureTail = ask?.kind === 'failure' && tail.length === 0 ? (ask.failure.outputTail ?? '').split('\n') : tail;
	const shownTail = failureTail.slice(-layout.tailRows);
	const keys: Array<readonly [string, string]> = typing
		? [['Ctrl+C', 'stop…'], ['Enter', 'send the answer'], ['Esc', 'fail the command instead']]
		: [['Ctrl+C', 'stop…'], ...(ask?.kind === 'failure' ? failureChoices(ask.fanOut) : []), ...(view.hosts.length > 1 ? [['↑↓ PgUp/PgDn', 'show a host’s output'] as const] : [])];
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate">{screenLine(view.step ? `Running ${view.step.section.number} ${view.step.title}` : (result ? 'Run finished' : `Starting ${title ?? 'the run'}…`), columns)}</Text>
			<Text dimColor wrap="truncate">{countsLine(view.hosts) || ' '}</Text>
			{window.lines.map(line => <HostRow key={line.host} line={line} selected={line.host === tailHost} width={hostWidth} columns={columns}/>)}
			{window.more > 0 ? <Text dimColor wrap="truncate">{`  hosts ${window.first + 1}–${window.first + window.lines.length} of ${view.hosts.length} (↑↓ PgUp/PgDn Home/End scroll)`}</Text> : null}
			<Text dimColor wrap="truncate">{screenLine(tailHost === undefined ? '── output ──' : `── output of ${tailHost}${shownTail.length === 0 ? ': none yet' : ''} (all of it goes to the transcript) ──`, columns)}</Text>
			{shownTail.map((line, index) => <Text key={index} wrap="truncate">{screenLine(line, columns) || ' '}</Text>)}
			<AskPanel ask={ask} interrupt={view.interrupt} columns={columns} onAnswer={text => bridge.answerQuestion(text)}/>
			<KeyHelp keys={view.interrupt === 'asking' ? [['s', 'stop after running'], ['a', 'abort now'], ['c', 'continue']] : keys}/>
		</Box>
	);
}
