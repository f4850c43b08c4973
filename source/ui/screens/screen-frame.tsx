import React, {type ReactNode} from 'react';
import {Box, Text} from 'ink';
import {KeyHelp} from '../key-help.js';

export interface ScreenFrameProps {
	/** The screen's heading, one line. */
	readonly title: string;
	/** The keyboard help line at the bottom: [key, what it does]. */
	readonly keys: ReadonlyArray<readonly [string, string]>;
	readonly children: ReactNode;
}

/** Every wizard screen: a heading, the body, and the keyboard help line. */
export function ScreenFrame({title, keys, children}: ScreenFrameProps) {
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate">{title}</Text>
			<Box flexDirection="column">{children}</Box>
			<KeyHelp keys={keys}/>
		</Box>
	);
}
