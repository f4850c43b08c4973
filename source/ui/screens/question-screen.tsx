import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {useKeys} from '../inputs/key-router.js';
import type {AnswerValue} from '../../domain/answer-types.js';
import {derivedPreview, type Question} from '../../domain/answers/questions.js';
import type {QuestionNeed} from '../../domain/answers/sudo-password-need.js';
import type {SuggestedValue} from '../deployment.js';
import type {SectionEntry} from '../flow/wizard-state.js';
import {ChoicePrompt} from '../prompts/choice-prompt.js';
import {MultiSelectPrompt} from '../prompts/multi-select-prompt.js';
import {answerText, type PromptProps} from '../prompts/prompt-props.js';
import {SecretPrompt} from '../prompts/secret-prompt.js';
import {TextPrompt} from '../prompts/text-prompt.js';
import {YesNoPrompt} from '../prompts/yes-no-prompt.js';
import {ScreenFrame} from './screen-frame.js';

export interface QuestionScreenProps {
	readonly section: SectionEntry;
	readonly position: {readonly index: number; readonly count: number};
	readonly question: Question;
	readonly suggested: SuggestedValue;
	/** The value of another key as the answers stand (for derived values that follow this one). */
	readonly valueOf: (key: string) => AnswerValue | undefined;
	/** Items read from the hosts for a multi-select. */
	readonly options: readonly string[];
	readonly secret: {readonly known: boolean; readonly kept: boolean};
	/** For a question asked only when the hosts need it: why it is asked, or (checking) no input until the hosts are read. */
	readonly need?: QuestionNeed;
	readonly onAnswer: (value: AnswerValue | undefined) => void;
	readonly onGenerate: () => void;
	readonly onBack: () => void;
}

const keysOf: Record<Question['kind'], ReadonlyArray<readonly [string, string]>> = {
	text: [['Enter', 'accept'], ['Home/End', 'move'], ['Ctrl+U', 'clear'], ['Esc', 'back'], ['Ctrl+C', 'quit']],
	'yes-no': [['y/n', 'answer'], ['Enter', 'accept'], ['Esc', 'back'], ['Ctrl+C', 'quit']],
	choice: [['↑↓', 'move'], ['Enter', 'choose'], ['Esc', 'back'], ['Ctrl+C', 'quit']],
	'multi-select': [['↑↓', 'move'], ['Space', 'toggle'], ['Enter', 'accept'], ['Esc', 'back'], ['Ctrl+C', 'quit']],
	secret: [['Enter', 'accept'], ['Esc', 'back'], ['Ctrl+C', 'quit']],
};

/** While the hosts are read for a question asked only when needed: nothing to type yet. */
const waitingKeys: ReadonlyArray<readonly [string, string]> = [['Esc', 'back'], ['Ctrl+C', 'quit']];

/** One question of a section, rendered from the schema's metadata with the prompt of its kind. */
export function QuestionScreen({section, position, question, suggested, valueOf, options, secret, need, onAnswer, onGenerate, onBack}: QuestionScreenProps) {
	const [draft, setDraft] = useState<{value: AnswerValue | undefined} | undefined>();
	useKeys((_input, key) => {
		if (key.escape) {
			onBack();
		}
	});

	const props: PromptProps = {question, suggested, isActive: true, onAnswer, onDraft: value => setDraft({value})};
	const following = question.drives.map(key => {
		const value = derivedPreview(key, other => (other === question.spec.key ? (draft === undefined ? suggested.value : draft.value) : valueOf(other)));
		return `${key} follows: ${answerText(value) || '(not known yet)'}`;
	});
	let prompt;
	switch (question.kind) {
		case 'yes-no': {
			prompt = <YesNoPrompt {...props}/>;
			break;
		}

		case 'choice': {
			prompt = <ChoicePrompt {...props}/>;
			break;
		}

		case 'multi-select': {
			prompt = <MultiSelectPrompt {...props} options={options}/>;
			break;
		}

		case 'secret': {
			prompt = <SecretPrompt {...props} known={secret.known} kept={secret.kept} onGenerate={onGenerate}/>;
			break;
		}

		default: {
			prompt = <TextPrompt {...props}/>;
		}
	}

	const shownDefault = question.kind === 'secret' ? '' : answerText(suggested.value);
	const checking = need?.state === 'checking';
	return (
		<ScreenFrame title={`Question ${position.index + 1} of ${position.count} · ${section.number} ${section.title}`} keys={checking ? waitingKeys : keysOf[question.kind]}>
			<Box flexDirection="column" marginY={1}>
				<Text wrap="wrap">{question.prompt}</Text>
				<Text dimColor wrap="truncate">{question.spec.key}{shownDefault === '' ? '' : ` · offered: ${shownDefault}`} · {suggested.origin}</Text>
				{need?.state === 'needed' ? <Text color="yellow" wrap="wrap">{need.why}</Text> : null}
			</Box>
			{checking ? <Text color="cyan" wrap="wrap">{need.why}</Text> : prompt}
			{following.map(line => <Text key={line} color="gray" wrap="truncate">{line}</Text>)}
		</ScreenFrame>
	);
}
