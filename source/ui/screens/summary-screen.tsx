import React from 'react';
import {Box, Text, useInput} from 'ink';
import type {RunSummaryView} from '../deployment.js';
import {ScreenFrame} from './screen-frame.js';

export interface SummaryScreenProps {
	readonly summary: RunSummaryView;
	readonly rows: number;
	readonly onClose: () => void;
}

/** Per section × host: ran, already done, skipped, failed; the transcript; the rerun command; the way back. */
export function SummaryScreen({summary, rows, onClose}: SummaryScreenProps) {
	useInput((input, key) => {
		if (key.return || input === 'q' || key.escape) {
			onClose();
		}
	});

	const tail = [
		...summary.transcripts.map(file => `transcript: ${file}`),
		`rerun without questions: ${summary.rerun}`,
		...(summary.restore.length === 0 ? ['restore: no database dump or settings backup was made in this session'] : summary.restore.map(line => `restore: ${line}`)),
		...(summary.sandbox === undefined ? [] : [`check the rehearsal: snf-upgrade sandbox verify ${summary.sandbox}`]),
	];
	const room = Math.max(1, rows - tail.length - 2);
	const table = summary.rows.slice(0, room);
	return (
		<ScreenFrame title="Summary" keys={[['Enter', 'exit'], ['q', 'quit']]}>
			<Box flexDirection="column" marginY={1}>
				<Text bold wrap="truncate">{'section'.padEnd(36)} {'host'.padEnd(12)} ran done skip fail</Text>
				{table.length === 0 ? <Text>Nothing ran in this session.</Text> : null}
				{table.map(row => (
					<Text key={`${row.section}-${row.host}`} wrap="truncate" color={row.failed > 0 ? 'red' : undefined}>
						{row.section.slice(0, 36).padEnd(36)} {row.host.slice(0, 12).padEnd(12)} {String(row.ran).padStart(3)} {String(row.alreadyDone).padStart(4)} {String(row.skipped).padStart(4)} {String(row.failed).padStart(4)}
					</Text>
				))}
				{table.length < summary.rows.length ? <Text dimColor>… {summary.rows.length - table.length} more rows (the transcript has them all)</Text> : null}
			</Box>
			{tail.map(line => <Text key={line} wrap="wrap">{line}</Text>)}
		</ScreenFrame>
	);
}
