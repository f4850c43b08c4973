import React, {useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useKeys} from './key-router.js';

export interface SelectItem<V extends string> {
	readonly value: V;
	readonly label: string;
	/** A key that picks this item at once (shown in brackets). */
	readonly hotkey?: string;
}

export interface SelectListProps<V extends string> {
	readonly items: ReadonlyArray<SelectItem<V>>;
	readonly isActive: boolean;
	readonly onSelect: (value: V) => void;
	/** The item highlighted first. */
	readonly initial?: V;
	/** Multi-select: Space toggles, Enter submits the chosen set. */
	readonly multiple?: {readonly chosen: readonly V[]; readonly onSubmit: (chosen: V[]) => void};
	/** At most this many rows (the list scrolls, with "more above/below" marks). */
	readonly height?: number;
}

/** A list with ↑↓ (or j/k), Enter and hotkeys; with `multiple`, Space toggles items. One active input. */
export function SelectList<V extends string>({items, isActive, onSelect, initial, multiple, height = items.length}: SelectListProps<V>) {
	const [index, setIndex] = useState(() => Math.max(0, items.findIndex(item => item.value === initial)));
	const [chosen, setChosen] = useState<readonly V[]>(multiple?.chosen ?? []);
	// Keys can arrive faster than renders: the handler reads and writes these refs, the state only draws.
	const live = useRef({index, chosen});
	const move = (delta: number) => {
		live.current.index = (live.current.index + delta + items.length) % items.length;
		setIndex(live.current.index);
	};

	useKeys((input, key) => {
		const current = items[live.current.index]?.value;
		if (key.upArrow || input === 'k') {
			move(-1);
		} else if (key.downArrow || input === 'j') {
			move(1);
		} else if (multiple !== undefined && input === ' ') {
			if (current !== undefined) {
				const was = live.current.chosen;
				live.current.chosen = was.includes(current) ? was.filter(item => item !== current) : [...was, current];
				setChosen(live.current.chosen);
			}
		} else if (key.return) {
			if (multiple === undefined) {
				const value = current;
				if (value !== undefined) {
					onSelect(value);
				}
			} else {
				multiple.onSubmit(items.map(item => item.value).filter(value => live.current.chosen.includes(value)));
			}
		} else {
			const hot = items.find(item => item.hotkey !== undefined && item.hotkey === input);
			if (hot !== undefined && multiple === undefined) {
				onSelect(hot.value);
			}
		}
	}, {isActive});

	const rows = Math.max(1, Math.min(height, items.length));
	const first = Math.min(Math.max(0, index - rows + 1), items.length - rows);
	const visible = items.slice(first, first + rows);
	return (
		<Box flexDirection="column">
			{first > 0 ? <Text dimColor>  ↑ {first} more</Text> : null}
			{visible.map((item, offset) => {
				const selected = first + offset === index;
				const mark = multiple === undefined ? '' : (chosen.includes(item.value) ? '[x] ' : '[ ] ');
				return (
					<Text key={item.value} color={selected ? 'cyan' : undefined} wrap="truncate">
						{selected ? '❯ ' : '  '}{mark}{item.label}{item.hotkey === undefined ? '' : ` (${item.hotkey})`}
					</Text>
				);
			})}
			{first + rows < items.length ? <Text dimColor>  ↓ {items.length - first - rows} more</Text> : null}
		</Box>
	);
}
