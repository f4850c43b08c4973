import React from 'react';
import {Text} from 'ink';
import {useKeys} from '../inputs/key-router.js';
import type {PromptProps} from './prompt-props.js';

/** y or n; Enter takes the value offered. */
export function YesNoPrompt({suggested, isActive, onAnswer}: PromptProps) {
	const offered = suggested.value === true;
	useKeys((input, key) => {
		if (input === 'y' || input === 'Y') {
			onAnswer(true);
		} else if (input === 'n' || input === 'N') {
			onAnswer(false);
		} else if (key.return) {
			onAnswer(offered);
		}
	}, {isActive});
	return <Text><Text color="cyan">› </Text>{offered ? 'Y/n' : 'y/N'} <Text dimColor>(Enter: {offered ? 'yes' : 'no'})</Text></Text>;
}
