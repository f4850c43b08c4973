import React from 'react';
import {Box} from 'ink';
import {useKeys} from '../inputs/key-router.js';
import type {StepExplanation} from '../deployment.js';
import type {SectionEntry} from '../flow/wizard-state.js';
import {PagedLines, type PagedLine} from './paged-lines.js';
import {ScreenFrame} from './screen-frame.js';

export interface IntroScreenProps {
	readonly section: SectionEntry;
	readonly steps: readonly StepExplanation[];
	/** Rows the explanation may take. */
	readonly rows: number;
	readonly columns: number;
	readonly onNext: () => void;
	readonly onSkip: () => void;
	readonly onBack: () => void;
}

/** What the section does and why, in the steps' own words, and the facts' warnings that apply. */
export function IntroScreen({section, steps, rows, columns, onNext, onSkip, onBack}: IntroScreenProps) {
	useKeys((input, key) => {
		if (key.return) {
			onNext();
		} else if (key.escape) {
			onBack();
		} else if (input === 's' && section.skippable) {
			onSkip();
		}
	});

	const lines: PagedLine[] = steps.flatMap(step => [
		{text: `• ${step.title}${step.skipped === undefined ? '' : ` (does not apply: ${step.skipped})`}`, bold: true},
		{text: `  ${step.why}`},
		...step.notes.map(note => ({text: `  ⚠ ${note}`, color: 'yellow'})),
	]);
	const keys: Array<readonly [string, string]> = [['Enter', section.questions.length > 0 ? 'to the questions' : 'to the preview'], ...(section.skippable ? [['s', 'skip this optional section'] as const] : []), ['Esc', 'back'], ['Ctrl+C', 'quit']];
	return (
		<ScreenFrame title={`${section.number} ${section.title}${section.skippable ? ' (optional)' : ''}`} keys={keys}>
			<Box flexDirection="column" marginY={1}>
				<PagedLines lines={lines} rows={rows - 2} columns={columns}/>
			</Box>
		</ScreenFrame>
	);
}
