import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {parseAnswerText} from '../../domain/answers/answer-text.js';
import {TextField} from '../inputs/text-field.js';
import {answerText, type PromptProps} from './prompt-props.js';

/** Text with inline validation: the schema's own validator and message, shown under the field. */
export function TextPrompt({question, suggested, isActive, onAnswer, onDraft}: PromptProps) {
	const [error, setError] = useState<string | undefined>();
	const {spec} = question;
	const check = (text: string) => (spec.optional && text.trim() === '' ? {ok: true as const, value: undefined} : parseAnswerText(spec, text));
	return (
		<Box flexDirection="column">
			<Box>
				<Text color="cyan">› </Text>
				<TextField
					initial={answerText(suggested.value)}
					isActive={isActive}
					onChange={text => {
						const result = check(text);
						onDraft?.(result.ok ? result.value : undefined);
						if (error !== undefined) {
							setError(result.ok ? undefined : `expected ${result.expected}`);
						}
					}}
					onSubmit={text => {
						const result = check(text);
						if (result.ok) {
							setError(undefined);
							onAnswer(result.value);
						} else {
							setError(`expected ${result.expected}`);
						}
					}}
				/>
			</Box>
			{error === undefined ? null : <Text color="red" wrap="truncate">✖ {error}</Text>}
			{spec.optional ? <Text dimColor>(empty: leave it unset)</Text> : null}
		</Box>
	);
}
