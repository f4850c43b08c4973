import React, {createContext, useCallback, useContext, useState} from 'react';
import {Static, Text} from 'ink';

/** One line (wrapped to the width: it is written once, outside the live frame) that stays in the terminal's scrollback above the live screen. */
export interface ScrollbackEntry {
	readonly text: string;
	readonly tone: 'ok' | 'failed' | 'note' | 'section';
}

const colours = {ok: 'green', failed: 'red', note: undefined, section: 'cyan'} as const;

const AppendContext = createContext<(entries: readonly ScrollbackEntry[]) => void>(() => {});

/**
 * The wizard's one <Static>, mounted once at the root for the whole session (Ink 6.8 must not mount and
 * unmount <Static>: ink#904). Screens add lines with useScrollback(); what they add is printed once, above
 * the live frame, and stays in the terminal's scrollback.
 */
export function ScrollbackProvider({children}: {readonly children: React.ReactNode}) {
	const [entries, setEntries] = useState<ReadonlyArray<ScrollbackEntry & {readonly key: number}>>([]);
	const append = useCallback((more: readonly ScrollbackEntry[]) => {
		if (more.length > 0) {
			setEntries(previous => [...previous, ...more.map((entry, index) => ({...entry, key: previous.length + index}))]);
		}
	}, []);
	return (
		<>
			<Static items={[...entries]}>
				{entry => <Text key={entry.key} color={colours[entry.tone]} bold={entry.tone === 'section'} wrap="wrap">{entry.text}</Text>}
			</Static>
			<AppendContext.Provider value={append}>{children}</AppendContext.Provider>
		</>
	);
}

/** Adds lines to the scrollback (a no-op outside a ScrollbackProvider). */
export const useScrollback = () => useContext(AppendContext);
