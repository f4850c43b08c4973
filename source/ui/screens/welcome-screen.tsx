import React from 'react';
import {Box, Text} from 'ink';
import type {SectionEntry, SectionState} from '../flow/wizard-state.js';
import {wrapText} from '../flow/wrap-text.js';
import {SelectList, type SelectItem} from '../inputs/select-list.js';
import {ScreenFrame} from './screen-frame.js';

export type WelcomeChoice = 'resume' | 'review' | 'beginning' | 'inventory' | 'rehearse' | 'describe' | 'quit';

export interface WelcomeScreenProps {
	/** Undefined: no deployment configured yet. */
	readonly description: string | undefined;
	/** The deployment is still being opened (its answers taken in, its journal read): no section states yet. */
	readonly reading?: boolean;
	readonly sections: readonly SectionEntry[];
	readonly states: Readonly<Partial<Record<string, SectionState>>>;
	/** Rows the section list and the note may take (the note's rows are the list's less). */
	readonly listRows: number;
	readonly columns: number;
	readonly message?: string;
	/** Why the sections' states are not known for these hosts (a journal of other machines), and the way out. */
	readonly note?: string;
	readonly onChoose: (choice: WelcomeChoice) => void;
}

const stateColor: Record<SectionState, string | undefined> = {done: 'green', 'to do': undefined, skipped: 'gray', failed: 'red', unknown: 'yellow'};

function resumeLabel(reading: boolean, resumeAt: SectionEntry | undefined): string {
	if (reading) {
		return 'Resume where the last run stopped (reading the journal…)';
	}

	return resumeAt === undefined ? 'Resume: every section is done; see the summary' : `Resume at ${resumeAt.number} ${resumeAt.title}`;
}

function menu(configured: boolean, reading: boolean, resumeAt: SectionEntry | undefined): Array<SelectItem<WelcomeChoice>> {
	if (!configured) {
		return [
			{value: 'rehearse', label: 'Rehearse: the whole walk on a fresh sandbox (recommended first)', hotkey: 'r'},
			{value: 'describe', label: 'Describe your deployment (an answers file with the hosts)', hotkey: 'd'},
			{value: 'quit', label: 'Quit', hotkey: 'q'},
		];
	}

	return [
		{value: 'resume', label: resumeLabel(reading, resumeAt), hotkey: 'c'},
		{value: 'review', label: 'Review the answers', hotkey: 'a'},
		{value: 'beginning', label: 'Walk from the start', hotkey: 'w'},
		{value: 'inventory', label: 'Hosts: inventory and connection test', hotkey: 'h'},
		{value: 'rehearse', label: 'Rehearse on a fresh sandbox', hotkey: 'r'},
		{value: 'quit', label: 'Quit', hotkey: 'q'},
	];
}

/** The deployment, each section's state from the journal, and where to go. */
export function WelcomeScreen({description, reading = false, sections, states, listRows, columns, message, note, onChoose}: WelcomeScreenProps) {
	const resumeAt = sections.find(section => !['done', 'skipped'].includes(states[section.id] ?? 'to do'));
	// Wrapped here, so that its rows are known: they come off the list's (a frame as tall as the terminal clears it).
	const noteRows = note === undefined ? [] : wrapText(note, columns - 1);
	// Two columns of sections, so the list takes half the rows.
	const half = Math.ceil(sections.length / 2);
	const rows = Math.max(0, Math.min(half, listRows - noteRows.length));
	const width = Math.floor(columns / 2) - 1;
	const cell = (section: SectionEntry | undefined) => {
		if (section === undefined) {
			return null;
		}

		const state = states[section.id] ?? 'to do';
		return (
			<Box width={width}>
				<Text wrap="truncate"><Text color={stateColor[state]}>{state.padEnd(8)}</Text>{section.number.padEnd(4)} {section.title}</Text>
			</Box>
		);
	};
	return (
		<ScreenFrame title="snf-upgrade: Synnefo v0.14 → v0.15" keys={[['↑↓', 'move'], ['Enter', 'choose'], ['letter', 'shortcut'], ['Ctrl+C', 'quit']]}>
			<Text wrap="truncate">{description ?? 'No deployment is configured yet (no inventory saved or given with --answers).'}</Text>
			{description !== undefined && reading ? <Box marginY={1}><Text dimColor>Reading the answers and the journal…</Text></Box> : null}
			{description === undefined || reading ? null : (
				<Box flexDirection="column" marginY={1}>
					{sections.slice(0, rows).map((section, index) => (
						<Box key={section.id}>
							{cell(section)}
							<Text> </Text>
							{cell(sections[index + half])}
						</Box>
					))}
					{rows < half ? <Text dimColor>… {2 * (half - rows)} more sections</Text> : null}
				</Box>
			)}
			{noteRows.map((row, index) => <Text key={String(index)} color="yellow" wrap="truncate">{row}</Text>)}
			{message === undefined ? null : <Text color="yellow" wrap="truncate">{message}</Text>}
			<SelectList items={menu(description !== undefined, reading, resumeAt)} isActive onSelect={onChoose}/>
		</ScreenFrame>
	);
}
