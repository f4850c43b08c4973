import type {WizardState} from './wizard-state.js';

const isAsked = (state: WizardState, key: string) => state.needs[key]?.state !== 'not needed';

/** The questions of section `index` the walk asks, in order (those found not needed are passed over). */
export function askedQuestions(state: WizardState, index: number): string[] {
	return state.sections[index]!.questions.filter(key => isAsked(state, key));
}

/** The first question of section `index` at or after `from` that is asked; -1 when none. */
export function askedFrom(state: WizardState, index: number, from: number): number {
	const {questions} = state.sections[index]!;
	for (let question = from; question < questions.length; question++) {
		if (isAsked(state, questions[question]!)) {
			return question;
		}
	}

	return -1;
}

/** The last question of section `index` at or before `from` that is asked; -1 when none. */
export function askedUpTo(state: WizardState, index: number, from: number): number {
	const {questions} = state.sections[index]!;
	for (let question = Math.min(from, questions.length - 1); question >= 0; question--) {
		if (isAsked(state, questions[question]!)) {
			return question;
		}
	}

	return -1;
}
