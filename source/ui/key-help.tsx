import React from 'react';
import {Text} from 'ink';

export interface KeyHelpProps {
	/** Key and what it does: ['Enter', 'choose'], ['Esc', 'back'] … */
	readonly keys: ReadonlyArray<readonly [string, string]>;
}

/** The keyboard help line at the foot of every screen: one row, cut at the terminal's width. */
export function KeyHelp({keys}: KeyHelpProps) {
	return <Text dimColor wrap="truncate">{keys.map(([key, what]) => `${key} ${what}`).join(' · ')}</Text>;
}
