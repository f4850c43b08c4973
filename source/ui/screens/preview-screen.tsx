import React, {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import type {PreviewLine, SectionPreview} from '../deployment.js';
import type {SectionEntry} from '../flow/wizard-state.js';
import {ScreenFrame} from './screen-frame.js';

export interface PreviewScreenProps {
	readonly section: SectionEntry;
	/** Undefined while the files are read for the diffs. */
	readonly preview: SectionPreview | undefined;
	/** Rows the preview may take (it pages within them). */
	readonly rows: number;
	readonly onRun: (stepMode: boolean) => void;
	readonly onLater: () => void;
	readonly onBack: () => void;
	readonly onQuit: () => void;
}

const toneColor: Record<PreviewLine['tone'], string | undefined> = {heading: 'cyan', reads: undefined, changes: 'yellow', 'diff-add': 'green', 'diff-remove': 'red', note: 'magenta', plain: undefined};

/** The exact commands per host ("$" reads only, "!" changes) and the diff of every edit, paged; then run, step, skip, back or quit. */
export function PreviewScreen({section, preview, rows, onRun, onLater, onBack, onQuit}: PreviewScreenProps) {
	const [top, setTop] = useState(0);
	const lines = preview?.lines ?? [];
	const page = Math.max(1, rows - 1);
	const last = Math.max(0, lines.length - page);
	useInput((input, key) => {
		if (key.downArrow) {
			setTop(current => Math.min(last, current + 1));
		} else if (key.upArrow) {
			setTop(current => Math.max(0, current - 1));
		} else if (key.pageDown || input === ' ') {
			setTop(current => Math.min(last, current + page));
		} else if (key.pageUp) {
			setTop(current => Math.max(0, current - page));
		} else if (key.escape) {
			onBack();
		} else if (preview !== undefined && input === 'r') {
			onRun(false);
		} else if (preview !== undefined && input === 't') {
			onRun(true);
		} else if (input === 'l') {
			onLater();
		} else if (input === 'q') {
			onQuit();
		}
	});

	const shown = lines.slice(top, top + page);
	return (
		<ScreenFrame title={`${section.number} ${section.title} · preview`} keys={[['r', 'run'], ['t', 'step by step'], ['l', 'later (next section)'], ['↑↓ PgUp/PgDn', 'scroll'], ['Esc', 'back'], ['q', 'quit']]}>
			<Box flexDirection="column" marginY={1}>
				{preview === undefined ? <Text>Reading the files to show the diffs…</Text> : null}
				{shown.map((line, index) => <Text key={top + index} color={toneColor[line.tone]} wrap="truncate">{line.text}</Text>)}
				{lines.length > page ? <Text dimColor>lines {top + 1}–{Math.min(lines.length, top + page)} of {lines.length}</Text> : null}
			</Box>
		</ScreenFrame>
	);
}
