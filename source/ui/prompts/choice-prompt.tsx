import React, {useState} from 'react';
import {Box} from 'ink';
import {SelectList} from '../inputs/select-list.js';
import {TextPrompt} from './text-prompt.js';
import type {PromptProps} from './prompt-props.js';

const customValue = '\0custom';

/** A choice list (REMOTE_USER: keep eppn / the persistent-id set / custom); "custom" opens a validated text field. */
export function ChoicePrompt(props: PromptProps) {
	const {question, suggested, isActive, onAnswer} = props;
	const choices = question.choices ?? [];
	const known = choices.find(choice => !choice.custom && choice.value === suggested.value);
	const hasCustom = choices.some(choice => choice.custom);
	const [typing, setTyping] = useState(false);
	if (typing) {
		return <TextPrompt {...props}/>;
	}

	const items = choices.map(choice => ({value: choice.custom ? customValue : choice.value, label: choice.label}));
	const initial = known?.value ?? (hasCustom && typeof suggested.value === 'string' ? customValue : items[0]?.value);
	return (
		<Box flexDirection="column">
			<SelectList
				items={items}
				initial={initial}
				isActive={isActive}
				onSelect={value => {
					if (value === customValue) {
						setTyping(true);
					} else {
						onAnswer(value);
					}
				}}
			/>
		</Box>
	);
}
