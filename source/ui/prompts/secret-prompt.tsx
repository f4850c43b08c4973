import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {useKeys} from '../inputs/key-router.js';
import {parseAnswerText} from '../../domain/answers/answer-text.js';
import {TextField} from '../inputs/text-field.js';
import type {PromptProps} from './prompt-props.js';

export interface SecretPromptProps extends PromptProps {
	/** A value is already known for this secret (saved, or given in this session). */
	readonly known: boolean;
	/** Whether a typed secret is kept on disk (the save-secrets policy). */
	readonly kept: boolean;
	readonly onGenerate: () => void;
}

type Phase = {readonly kind: 'choose'} | {readonly kind: 'first'} | {readonly kind: 'second'; readonly first: string};

/** A secret: never echoed, no length shown; typed twice, or generated; Enter keeps a known one. */
export function SecretPrompt({question, known, kept, isActive, onAnswer, onGenerate}: SecretPromptProps) {
	const [phase, setPhase] = useState<Phase>({kind: known ? 'choose' : 'first'});
	const [error, setError] = useState<string | undefined>();
	const {spec} = question;
	const canGenerate = spec.generate === true;
	useKeys((input, key) => {
		if (input === 't') {
			setPhase({kind: 'first'});
		} else if (input === 'g' && canGenerate) {
			onGenerate();
		} else if (key.return && known) {
			onAnswer(undefined);
		}
	}, {isActive: isActive && phase.kind === 'choose'});

	// Only in the choose phase do single letters mean anything; while typing they are part of the secret.
	const where = kept ? 'kept in the saved answers (mode 0600)' : 'not saved: asked again next time (start with --save-secrets to keep it)';
	if (phase.kind === 'choose') {
		return (
			<Box flexDirection="column">
				<Text><Text color="cyan">› </Text>a secret is set. Enter keeps it; t types a new one{canGenerate ? '; g generates one' : ''}</Text>
			</Box>
		);
	}

	const submit = (text: string) => {
		if (phase.kind === 'first') {
			if (text === '' && spec.optional) {
				onAnswer(undefined);
				return;
			}

			if (text === '' && canGenerate) {
				onGenerate();
				return;
			}

			const result = parseAnswerText(spec, text);
			if (!result.ok) {
				setError(`expected ${result.expected}`);
				setPhase({kind: 'first'});
				return;
			}

			setError(undefined);
			setPhase({kind: 'second', first: text});
			return;
		}

		if (text === phase.first) {
			onAnswer(text);
		} else {
			setError('the two entries differ; type it again');
			setPhase({kind: 'first'});
		}
	};

	return (
		<Box flexDirection="column">
			<Box>
				<Text color="cyan">{phase.kind === 'first' ? 'type it › ' : 'again   › '}</Text>
				<TextField key={`${phase.kind}-${error ?? ''}`} initial="" hidden isActive={isActive} onSubmit={submit}/>
			</Box>
			{error === undefined ? null : <Text color="red">✖ {error}</Text>}
			<Text dimColor wrap="truncate">{phase.kind === 'first' ? `Enter on an empty field ${canGenerate ? 'generates one' : (spec.optional ? 'leaves it unset' : 'is refused')}. ${where}` : 'type the same secret again'}</Text>
		</Box>
	);
}
