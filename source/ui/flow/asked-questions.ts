import type {WizardState} from './wizard-state.js';

/** The positions, in section `index`'s questions, of those the walk asks (those found not needed are passed over). */
const askedPositions = (state: WizardState, index: number): number[] =>
	state.sections[index]!.questions.flatMap((key, position) => (state.needs[key]?.state === 'not needed' ? [] : [position]));

/** The questions of section `index` the walk asks, in order. */
export function askedQuestions(state: WizardState, index: number): string[] {
	const {questions} = state.sections[index]!;
	return askedPositions(state, index).map(position => questions[position]!);
}

/** The first question of section `index` at or after `from` that is asked; -1 when none. */
export const askedFrom = (state: WizardState, index: number, from: number): number => askedPositions(state, index).find(position => position >= from) ?? -1;

/** The last question of section `index` at or before `upTo` that is asked; -1 when none. */
export const askedUpTo = (state: WizardState, index: number, upTo: number): number => askedPositions(state, index).findLast(position => position <= upTo) ?? -1;
