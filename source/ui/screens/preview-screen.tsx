import React from 'react';
import {Box, Text} from 'ink';
import {useKeys} from '../inputs/key-router.js';
import type {PreviewLine, SectionPreview} from '../deployment.js';
import type {SectionEntry} from '../flow/wizard-state.js';
import {PagedLines} from './paged-lines.js';
import {ScreenFrame} from './screen-frame.js';

export interface PreviewScreenProps {
	readonly section: SectionEntry;
	/** Undefined while the files are read for the diffs. */
	readonly preview: SectionPreview | undefined;
	/** Rows the preview may take (it pages within them). */
	readonly rows: number;
	readonly columns: number;
	readonly onRun: (stepMode: boolean) => void;
	readonly onLater: () => void;
	readonly onBack: () => void;
	readonly onQuit: () => void;
}

const toneColor: Record<PreviewLine['tone'], string | undefined> = {heading: 'cyan', reads: undefined, changes: 'yellow', 'diff-add': 'green', 'diff-remove': 'red', note: 'magenta', plain: undefined};

/** The exact commands per host ("$" reads only, "!" changes) and the diff of every edit, paged; then run, step, skip, back or quit. */
export function PreviewScreen({section, preview, rows, columns, onRun, onLater, onBack, onQuit}: PreviewScreenProps) {
	useKeys((input, key) => {
		if (key.escape) {
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

	return (
		<ScreenFrame title={`Preview · ${section.number} ${section.title}`} keys={[['r', 'run'], ['t', 'step by step'], ['l', 'later (next section)'], ['Esc', 'back'], ['q', 'quit']]}>
			<Box flexDirection="column" marginY={1}>
				{preview === undefined ? <Text>Reading the files to show the diffs…</Text> : null}
				{preview === undefined ? null : <PagedLines lines={preview.lines.map(line => ({text: line.text, ...(toneColor[line.tone] === undefined ? {} : {color: toneColor[line.tone]}), bold: line.tone === 'heading'}))} rows={rows - 2} columns={columns}/>}
			</Box>
		</ScreenFrame>
	);
}
