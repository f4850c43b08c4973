import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {useKeys} from '../inputs/key-router.js';
import {wrapText} from '../flow/wrap-text.js';

export interface PagedLine {
	readonly text: string;
	readonly color?: string;
	readonly bold?: boolean;
}

export interface PagedLinesProps {
	readonly lines: readonly PagedLine[];
	/** Rows this view may take, its position line included. */
	readonly rows: number;
	readonly columns: number;
}

/** Long text inside the screen: wrapped to the width, paged with ↑↓, PgUp/PgDn and Space; never taller than `rows`. */
export function PagedLines({lines, rows, columns}: PagedLinesProps) {
	const wrapped = lines.flatMap(line => wrapText(line.text, columns - 1).map(text => ({...line, text})));
	const fits = wrapped.length <= rows;
	const page = Math.max(1, fits ? rows : rows - 1);
	const last = Math.max(0, wrapped.length - page);
	const [top, setTop] = useState(0);
	useKeys((input, key) => {
		if (key.downArrow) {
			setTop(current => Math.min(last, current + 1));
		} else if (key.upArrow) {
			setTop(current => Math.max(0, current - 1));
		} else if (key.pageDown || input === ' ') {
			setTop(current => Math.min(last, current + page));
		} else if (key.pageUp) {
			setTop(current => Math.max(0, current - page));
		}
	}, {isActive: !fits});

	const from = Math.min(top, last);
	return (
		<Box flexDirection="column">
			{wrapped.slice(from, from + page).map((line, index) => (
				<Text key={from + index} color={line.color} bold={line.bold} wrap="truncate">{line.text}</Text>
			))}
			{fits ? null : <Text dimColor>rows {from + 1}–{Math.min(wrapped.length, from + page)} of {wrapped.length} · ↑↓ PgUp/PgDn to scroll</Text>}
		</Box>
	);
}
