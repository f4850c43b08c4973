/** A one-line text value and its cursor, changed by key events (pure: no React). */
export interface TextFieldState {
	readonly value: string;
	/** 0 … value.length. */
	readonly cursor: number;
}

/** What useInput reports, reduced to the keys a text field uses. */
export interface TextKey {
	readonly leftArrow?: boolean;
	readonly rightArrow?: boolean;
	readonly home?: boolean;
	readonly end?: boolean;
	readonly backspace?: boolean;
	/** Ink 6.8 reports Backspace (\x7f) as delete; both erase the character before the cursor. */
	readonly delete?: boolean;
	readonly ctrl?: boolean;
	readonly meta?: boolean;
	readonly return?: boolean;
	readonly escape?: boolean;
	readonly tab?: boolean;
	readonly upArrow?: boolean;
	readonly downArrow?: boolean;
}

export const textField = (value: string): TextFieldState => ({value, cursor: value.length});

const insert = (state: TextFieldState, text: string): TextFieldState => ({
	value: state.value.slice(0, state.cursor) + text + state.value.slice(state.cursor),
	cursor: state.cursor + text.length,
});

const eraseBefore = (state: TextFieldState, count: number): TextFieldState => {
	const from = Math.max(0, state.cursor - count);
	return {value: state.value.slice(0, from) + state.value.slice(state.cursor), cursor: from};
};

/** Ctrl+A home, Ctrl+E end, Ctrl+U erases to the start of the line, Ctrl+K to its end, Ctrl+W one word. */
function controlKey(state: TextFieldState, letter: string): TextFieldState {
	switch (letter) {
		case 'a': {
			return {...state, cursor: 0};
		}

		case 'e': {
			return {...state, cursor: state.value.length};
		}

		case 'u': {
			return {value: state.value.slice(state.cursor), cursor: 0};
		}

		case 'k': {
			return {...state, value: state.value.slice(0, state.cursor)};
		}

		case 'w': {
			const before = state.value.slice(0, state.cursor);
			return eraseBefore(state, before.length - before.replace(/\S+\s*$/, '').length);
		}

		default: {
			return state;
		}
	}
}

/**
 * Typed or pasted text, one character at a time: DEL and BS erase (a held Backspace arrives as one
 * chunk of several DEL bytes), Ctrl+U erases to the start, escape sequences and every other control
 * character are dropped, so the value never holds one.
 */
function typeText(start: TextFieldState, text: string): TextFieldState {
	let state = start;
	// Escape sequences inside a chunk (pasted, or several keys at once) are dropped whole.
	const chunk = text.replaceAll(new RegExp(String.raw`\u001B?\[[0-9;]*[A-Za-z~]|\u001B.`, 'g'), '');
	for (const character of chunk) {
		const code = character.codePointAt(0)!;
		if (code === 0x7F || code === 0x08) {
			state = eraseBefore(state, 1);
		} else if (code === 0x15) {
			state = controlKey(state, 'u');
		} else if (code >= 0x20 && !(code >= 0x80 && code < 0xA0)) {
			state = insert(state, character);
		}
	}

	return state;
}

/** The field after one key event. Return, Esc, Tab and the vertical arrows are the caller's. */
export function applyKey(state: TextFieldState, input: string, key: TextKey): TextFieldState {
	if (key.return || key.escape || key.tab || key.upArrow || key.downArrow) {
		return state;
	}

	if (key.leftArrow) {
		return {...state, cursor: Math.max(0, state.cursor - 1)};
	}

	if (key.rightArrow) {
		return {...state, cursor: Math.min(state.value.length, state.cursor + 1)};
	}

	if (key.home) {
		return {...state, cursor: 0};
	}

	if (key.end) {
		return {...state, cursor: state.value.length};
	}

	if (key.backspace || key.delete) {
		return eraseBefore(state, 1);
	}

	if (key.ctrl) {
		return controlKey(state, input);
	}

	// Alt+letter means nothing here; a longer chunk that Ink marks meta (it began with ESC) is still text.
	return key.meta && [...input].length <= 1 ? state : typeText(state, input);
}
