import React, {useEffect, useReducer, useRef} from 'react';
import {Text} from 'ink';
import {useKeys} from './key-router.js';
import {applyKey, textField, type TextFieldState, type TextKey} from './text-field-state.js';

export interface TextFieldProps {
	/** The value the field starts with (a default, a saved answer). */
	readonly initial: string;
	/** Only the active field of a screen takes keys. */
	readonly isActive: boolean;
	/** Shown instead of the value: nothing of a secret, not even its length. */
	readonly hidden?: boolean;
	readonly onChange?: (value: string) => void;
	readonly onSubmit: (value: string) => void;
}

type FieldAction = {readonly type: 'key'; readonly input: string; readonly key: TextKey} | {readonly type: 'submit'};
type FieldState = TextFieldState & {readonly submitted: number};

function reduce(state: FieldState, action: FieldAction): FieldState {
	return action.type === 'submit' ? {...state, submitted: state.submitted + 1} : {...applyKey(state, action.input, action.key), submitted: state.submitted};
}

/**
 * A one-line text input built on a reducer, so keys that arrive faster than renders all count;
 * Home/End, Ctrl+A/E/U/K/W and batched Backspace work, and the value never holds a control character.
 */
export function TextField({initial, isActive, hidden = false, onChange, onSubmit}: TextFieldProps) {
	const [state, dispatch] = useReducer(reduce, {...textField(initial), submitted: 0});
	const callbacks = useRef({onChange, onSubmit});
	callbacks.current = {onChange, onSubmit};
	useKeys((input, key) => {
		if (key.return) {
			dispatch({type: 'submit'});
			return;
		}

		// Text and Enter read in one chunk (typed fast, or pasted with its line break): the text, then the submit.
		const enter = input.indexOf('\r');
		dispatch({type: 'key', input: enter === -1 ? input : input.slice(0, enter), key});
		if (enter !== -1) {
			dispatch({type: 'submit'});
		}
	}, {isActive});

	useEffect(() => {
		callbacks.current.onChange?.(state.value);
	}, [state.value]);

	useEffect(() => {
		if (state.submitted > 0) {
			callbacks.current.onSubmit(state.value);
		}
		// Only a new submit calls back; the value at that moment is the one submitted.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [state.submitted]);

	if (hidden) {
		return <Text>{isActive ? <Text inverse> </Text> : ''}<Text dimColor> (hidden as you type)</Text></Text>;
	}

	const before = state.value.slice(0, state.cursor);
	const at = state.value.slice(state.cursor, state.cursor + 1);
	const after = state.value.slice(state.cursor + 1);
	return (
		<Text wrap="truncate-start">
			{before}
			{isActive ? <Text inverse>{at === '' ? ' ' : at}</Text> : at}
			{after}
		</Text>
	);
}
