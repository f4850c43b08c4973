import React from 'react';
import {Box, Text} from 'ink';
import {shellQuote} from '../../domain/shell-quote.js';
import {useKeys} from '../inputs/key-router.js';
import type {RunSummaryView} from '../deployment.js';
import {PagedLines, type PagedLine} from './paged-lines.js';
import {ScreenFrame} from './screen-frame.js';

export interface SummaryScreenProps {
	readonly summary: RunSummaryView;
	readonly rows: number;
	readonly columns: number;
	readonly onClose: () => void;
}

/** Per section × host: ran, already done, skipped, failed; the transcript; the rerun command; the way back. */
export function SummaryScreen({summary, rows, columns, onClose}: SummaryScreenProps) {
	useKeys((input, key) => {
		if (key.return || input === 'q' || key.escape) {
			onClose();
		}
	});

	const tail = [
		...summary.transcripts.map(file => `transcript: ${file}`),
		`rerun without questions: ${summary.rerun}`,
		...(summary.restore.length === 0
			? ['restore: no database dump or settings backup was made in this session']
			: [...summary.restore, 'Each restore command is also in the transcript, whole on one line ("restore (services stopped):").']),
		...(summary.sandbox === undefined ? [] : [`check the rehearsal: snf-upgrade sandbox verify ${shellQuote(summary.sandbox)}`]),
	];
	const table: PagedLine[] = summary.rows.length === 0
		? [{text: 'Nothing ran in this session.'}]
		: summary.rows.map(row => ({
			text: `${row.section.slice(0, 36).padEnd(36)} ${row.host.slice(0, 14).padEnd(14)} ${String(row.ran).padStart(3)} ${String(row.alreadyDone).padStart(4)} ${String(row.skipped).padStart(4)} ${String(row.failed).padStart(4)}`,
			...(row.failed > 0 ? {color: 'red'} : {}),
		}));
	const notRun: PagedLine[] = summary.notRun === undefined ? [] : [{text: 'The last section started nothing:', color: 'red'}, ...summary.notRun.map(text => ({text: `  ${text}`})), {text: ''}];
	const lines: PagedLine[] = [...notRun, ...table, {text: ''}, ...tail.map(text => ({text}))];
	return (
		<ScreenFrame title="Summary" keys={[['↑↓ PgUp/PgDn', 'scroll'], ['Enter', 'exit'], ['q', 'quit']]}>
			<Box flexDirection="column" marginY={1}>
				<Text bold wrap="truncate">{'section'.padEnd(36)} {'host'.padEnd(14)} ran done skip fail</Text>
				<PagedLines lines={lines} rows={rows - 3} columns={columns}/>
			</Box>
		</ScreenFrame>
	);
}
