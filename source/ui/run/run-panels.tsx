import React from 'react';
import {Box, Text} from 'ink';
import {TextField} from '../inputs/text-field.js';
import type {Ask, FailureView, Interrupt} from './run-view.js';
import {screenLine} from './screen-line.js';

/** Rows each panel takes, for the layout. */
export function panelRows(ask: Ask | undefined, interrupt: Interrupt): number {
	if (interrupt !== 'none') {
		return interrupt === 'asking' ? 2 : 1;
	}

	switch (ask?.kind) {
		case 'failure': {
			return 4;
		}

		case 'question':
		case 'confirm': {
			return 2;
		}

		default: {
			return 0;
		}
	}
}

export function failureChoices(fanOut: boolean): ReadonlyArray<readonly [string, string]> {
	return [['r', 'retry'], ['s', 'skip this host'], ...(fanOut ? [['a', 'retry all failed'] as const] : []), ['q', 'abort (resume later)']];
}

function FailurePanel({failure, fanOut, columns}: {readonly failure: FailureView; readonly fanOut: boolean; readonly columns: number}) {
	const exit = failure.exitCode === undefined ? '' : `exit code ${failure.exitCode ?? 'none (killed)'}`;
	// The runner's message starts with the command, which has a line of its own here.
	const prefix = failure.command === undefined ? '' : `${failure.command}: `;
	const reason = prefix !== '' && failure.message.startsWith(prefix) ? failure.message.slice(prefix.length) : failure.message;
	const hint = failure.hint === undefined ? '' : `next: ${failure.hint}`;
	return (
		<Box flexDirection="column">
			<Text color="red" bold wrap="truncate">{screenLine(`✖ ${failure.host}: ${reason}`, columns)}</Text>
			<Text wrap="truncate">{screenLine(`  command: ${failure.command ?? '(none: it failed before a command ran)'}`, columns)}</Text>
			<Text wrap="truncate">{screenLine(`  ${[exit, hint].filter(Boolean).join(' · ') || 'no exit code'}`, columns)}</Text>
			<Text bold wrap="truncate">{failureChoices(fanOut).map(([key, what]) => `${key} ${what}`).join('   ')}</Text>
		</Box>
	);
}

export interface AskPanelProps {
	readonly ask: Ask | undefined;
	readonly interrupt: Interrupt;
	readonly columns: number;
	readonly onAnswer: (text: string) => void;
}

/** What the runner waits for from the admin, or the Ctrl+C question (which comes first). */
export function AskPanel({ask, interrupt, columns, onAnswer}: AskPanelProps) {
	if (interrupt === 'asking') {
		return (
			<Box flexDirection="column">
				<Text color="yellow" bold wrap="truncate">Stop the run? Nothing half-run is recorded as done; a later run resumes.</Text>
				<Text bold wrap="truncate">s stop after the running commands   a abort now (kill them)   c continue</Text>
			</Box>
		);
	}

	if (interrupt !== 'none') {
		return <Text color="yellow" wrap="truncate">{interrupt === 'stopping' ? 'Stopping after the running commands…' : 'Aborting: stopping every command this run started…'}</Text>;
	}

	switch (ask?.kind) {
		case 'failure': {
			return <FailurePanel failure={ask.failure} fanOut={ask.fanOut} columns={columns}/>;
		}

		case 'question': {
			return (
				<Box flexDirection="column">
					<Text color="yellow" wrap="truncate">{screenLine(`${ask.request.host} asks (no answer known): ${ask.request.prompt}`, columns)}</Text>
					<Box>
						<Text>{ask.hidden ? 'answer (typed hidden): ' : 'answer: '}</Text>
						<TextField key={`${ask.request.host}:${ask.request.prompt}`} initial="" isActive hidden={ask.hidden} onSubmit={onAnswer}/>
					</Box>
				</Box>
			);
		}

		case 'confirm': {
			const what = ask.request.kind === 'section' ? `run section ${ask.request.section.number}` : (ask.request.kind === 'action' ? ask.request.description : `${ask.request.step.title} on ${ask.request.host} again: ${ask.request.reason}`);
			return (
				<Box flexDirection="column">
					<Text wrap="truncate">{screenLine(ask.request.kind === 'section' ? what : `${ask.request.host}: ${what}`, columns)}</Text>
					<Text bold>y yes, run it   n no (stop here)</Text>
				</Box>
			);
		}

		default: {
			return null;
		}
	}
}
