import {describe, expect, it} from 'vitest';
import {applyKey, textField, type TextFieldState, type TextKey} from '../../source/ui/inputs/text-field-state.js';

const type = (state: TextFieldState, ...events: Array<string | [string, TextKey]>) =>
	events.reduce((current, event) => (typeof event === 'string' ? applyKey(current, event, {}) : applyKey(current, event[0], event[1])), state);

describe('the text field state (keys as Ink 6.8 reports them)', () => {
	it('a batched Backspace (one chunk of DEL bytes) erases that many characters and puts no DEL in the value', () => {
		const state = type(textField('db-01'), '\u007F\u007F', '99');
		expect(state.value).toBe('db-99');
		expect([...state.value].some(character => character.codePointAt(0)! < 0x20 || character === '\u007F')).toBe(false);
	});

	it('a single Backspace arrives as key.delete and erases before the cursor', () => {
		expect(type(textField('abc'), ['', {delete: true}]).value).toBe('ab');
	});

	it('a pasted URL goes in whole; line breaks and escape sequences in a paste are dropped', () => {
		const state = type(textField(''), 'https://accounts.example.org/\r\n', '\u001B[200~x');
		expect(state.value).toBe('https://accounts.example.org/x');
	});

	it('Home, End, arrows, Ctrl+A/E and Ctrl+U edit where the cursor is', () => {
		let state = type(textField('world'), ['', {home: true}], 'hello ');
		expect(state).toEqual({value: 'hello world', cursor: 6});
		state = type(state, ['', {end: true}], '!');
		expect(state.value).toBe('hello world!');
		state = type(state, ['', {leftArrow: true}], ['', {leftArrow: true}], ['u', {ctrl: true}]);
		expect(state).toEqual({value: 'd!', cursor: 0});
		state = type(state, ['e', {ctrl: true}], ['w', {ctrl: true}]);
		expect(state.value).toBe('');
	});

	it('the Ctrl+U byte inside a chunk clears to the start; other control characters never reach the value', () => {
		expect(type(textField('old text'), '\u0015new\u0007\u0000').value).toBe('new');
	});

	it('the cursor never leaves the value', () => {
		const state = type(textField('ab'), ['', {leftArrow: true}], ['', {leftArrow: true}], ['', {leftArrow: true}], 'X');
		expect(state.value).toBe('Xab');
	});
});
