import React, {useState} from 'react';
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

/**
 * The exact commands per host ("$" reads only, "!" changes) and the diff of every edit, paged; then run, step, skip, back or quit.
 * `s` shows the secrets in the live frame only: this screen never writes to the scrollback (<Static>), and the
 * frame that shows them is replaced by the next one when the admin hides them or leaves the screen.
 */
export function PreviewScreen({section, preview, rows, columns, onRun, onLater, onBack, onQuit}: PreviewScreenProps) {
	const [secretsShown, setSecretsShown] = useState(false);
	const revealed = preview?.revealed;
	useKeys((input, key) => {
		if (revealed !== undefined && input === 's') {
			setSecretsShown(shown => !shown);
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

	const shown = secretsShown && revealed !== undefined ? revealed : preview?.lines;
	const keys: Array<[string, string]> = [['r', 'run'], ['t', 'step by step'], ['l', 'later'], ['Esc', 'back'], ['q', 'quit']];
	if (revealed !== undefined) {
		keys.splice(2, 0, ['s', secretsShown ? 'hide secrets' : 'secrets (screen only)']);
	}

	return (
		<ScreenFrame title={`Preview · ${section.number} ${section.title}`} keys={keys}>
			<Box flexDirection="column" marginY={1}>
				{shown === undefined ? <Text>Reading the files to show the diffs…</Text> : null}
				{shown !== undefined && shown === revealed ? <Text color="yellow" wrap="truncate">Secrets shown on this screen only (s hides them): never in the scrollback or a file.</Text> : null}
				{shown === undefined ? null : <PagedLines lines={shown.map(line => ({text: line.text, ...(toneColor[line.tone] === undefined ? {} : {color: toneColor[line.tone]}), bold: line.tone === 'heading'}))} rows={shown === revealed ? rows - 3 : rows - 2} columns={columns}/>}
			</Box>
		</ScreenFrame>
	);
}
