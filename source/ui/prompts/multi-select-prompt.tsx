import React from 'react';
import {SelectList} from '../inputs/select-list.js';
import {TextPrompt} from './text-prompt.js';
import type {PromptProps} from './prompt-props.js';

export interface MultiSelectPromptProps extends PromptProps {
	/** The items to choose from (read from the hosts, e.g. the public networks of network-list). */
	readonly options: readonly string[];
}

/** Space toggles, Enter takes the chosen items; without options read from the hosts, a comma-separated text. */
export function MultiSelectPrompt(props: MultiSelectPromptProps) {
	const {options, suggested, isActive, onAnswer} = props;
	const chosen = Array.isArray(suggested.value) ? suggested.value : [];
	const all = [...new Set([...options, ...chosen])];
	if (all.length === 0) {
		return <TextPrompt {...props}/>;
	}

	return (
		<SelectList
			items={all.map(value => ({value, label: value}))}
			isActive={isActive}
			height={8}
			onSelect={() => {}}
			multiple={{chosen, onSubmit: values => onAnswer(values)}}
		/>
	);
}
