import {exitCodes} from '../../domain/exit-codes.js';
import {askedFrom, askedUpTo} from './asked-questions.js';
import type {Screen, WizardAction, WizardState} from './wizard-state.js';

const finished = new Set(['done', 'skipped']);

/**
 * The wizard's exit code after the last section run, as run --yes's for the same end (README, exit codes); a
 * section the admin declined is left to do, not failed.
 */
const quitCodes: Record<NonNullable<WizardState['lastOutcome']>, number> = {
	done: exitCodes.done, declined: exitCodes.done, failed: exitCodes.failed, input: exitCodes.input,
	unreachable: exitCodes.unreachable, locked: exitCodes.locked, interrupted: exitCodes.interrupted,
};

/** The first section that is neither done nor skipped (where the last run stopped). */
export function resumeIndex(state: WizardState): number {
	const index = state.sections.findIndex(section => !finished.has(state.states[section.id] ?? 'to do'));
	return index === -1 ? state.sections.length : index;
}

/** The screen that opens section `index` (the summary once past the last). */
function sectionStart(state: WizardState, index: number): Screen {
	if (index >= state.sections.length) {
		return state.mode === 'review' ? {kind: 'welcome'} : {kind: 'summary'};
	}

	if (state.mode === 'review') {
		const first = askedFrom(state, index, 0);
		return first === -1 ? sectionStart(state, index + 1) : {kind: 'question', section: index, question: first};
	}

	return {kind: 'intro', section: index};
}

/** After the last question of a section: its preview, or the next section when only reviewing. */
function afterQuestions(state: WizardState, index: number): Screen {
	return state.mode === 'review' ? sectionStart(state, index + 1) : {kind: 'preview', section: index};
}

function next(state: WizardState): Screen {
	const {screen} = state;
	switch (screen.kind) {
		case 'intro': {
			const first = askedFrom(state, screen.section, 0);
			return first === -1 ? afterQuestions(state, screen.section) : {kind: 'question', section: screen.section, question: first};
		}

		case 'question': {
			const following = askedFrom(state, screen.section, screen.question + 1);
			return following === -1 ? afterQuestions(state, screen.section) : {...screen, question: following};
		}

		case 'preview': {
			// Next without running: the section is left for later.
			return sectionStart(state, screen.section + 1);
		}

		default: {
			return screen;
		}
	}
}

function back(state: WizardState): Screen {
	const {screen} = state;
	switch (screen.kind) {
		case 'question': {
			const previous = askedUpTo(state, screen.section, screen.question - 1);
			if (previous !== -1) {
				return {...screen, question: previous};
			}

			return state.mode === 'review' ? {kind: 'welcome'} : {kind: 'intro', section: screen.section};
		}

		case 'preview': {
			const last = askedUpTo(state, screen.section, Number.POSITIVE_INFINITY);
			return last === -1 ? {kind: 'intro', section: screen.section} : {kind: 'question', section: screen.section, question: last};
		}

		case 'intro':
		case 'inventory':
		case 'summary': {
			return {kind: 'welcome'};
		}

		default: {
			return screen;
		}
	}
}

function choose(state: WizardState, choice: 'resume' | 'review' | 'beginning' | 'inventory'): WizardState {
	switch (choice) {
		case 'inventory': {
			return {...state, screen: {kind: 'inventory'}};
		}

		case 'review': {
			const reviewing = {...state, mode: 'review' as const};
			return {...reviewing, screen: sectionStart(reviewing, 0)};
		}

		case 'beginning': {
			const walking = {...state, mode: 'walk' as const};
			return {...walking, screen: sectionStart(walking, 0)};
		}

		case 'resume': {
			const walking = {...state, mode: 'walk' as const};
			return {...walking, screen: sectionStart(walking, resumeIndex(walking))};
		}
	}
}

const sectionOf = (screen: Screen): number | undefined => ('section' in screen ? screen.section : undefined);

/** The wizard's flow: which screen is shown and what is known of each section. Pure; screens dispatch. */
export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
	switch (action.type) {
		case 'choose': {
			return choose(state, action.choice);
		}

		case 'deployment': {
			return {...state, sections: action.sections, states: action.states, needs: {}, screen: {kind: 'welcome'}};
		}

		case 'states': {
			return {...state, states: action.states};
		}

		case 'inventory-done': {
			return {...state, screen: {kind: 'welcome'}};
		}

		case 'next': {
			return {...state, screen: next(state)};
		}

		case 'back': {
			return {...state, screen: back(state)};
		}

		case 'skip-section': {
			const index = sectionOf(state.screen);
			const section = index === undefined ? undefined : state.sections[index];
			if (index === undefined || !section?.skippable) {
				return state;
			}

			return {...state, states: {...state.states, [section.id]: 'skipped'}, screen: sectionStart(state, index + 1)};
		}

		case 'run': {
			return state.screen.kind === 'preview' ? {...state, screen: {kind: 'run', section: state.screen.section, stepMode: action.stepMode}} : state;
		}

		case 'run-finished': {
			if (state.screen.kind !== 'run') {
				return state;
			}

			const index = state.screen.section;
			const states = {...state.states, [state.sections[index]!.id]: action.state};
			const stopped = action.outcome === 'failed' || action.outcome === 'interrupted';
			const updated = {...state, states, lastOutcome: action.notRun ?? action.outcome};
			return {...updated, screen: stopped ? {kind: 'summary'} : sectionStart(updated, index + 1)};
		}

		case 'need': {
			const updated = {...state, needs: {...state.needs, [action.key]: action.need}};
			const {screen} = state;
			const onIt = screen.kind === 'question' && state.sections[screen.section]!.questions[screen.question] === action.key;
			return onIt && action.need.state === 'not needed' ? {...updated, screen: next(updated)} : updated;
		}

		case 'summary': {
			return {...state, screen: {kind: 'summary'}};
		}

		case 'quit': {
			const code = state.lastOutcome === undefined ? exitCodes.done : quitCodes[state.lastOutcome];
			const finished = state.sections.length > 0 && resumeIndex(state) === state.sections.length;
			return {...state, screen: {kind: 'exit', code, ...(finished ? {finished} : {})}};
		}
	}
}

export function initialWizardState(sections: WizardState['sections'], states: WizardState['states']): WizardState {
	return {screen: {kind: 'welcome'}, sections, states, mode: 'walk', needs: {}};
}
