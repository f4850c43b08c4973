import {describe, expect, it} from 'vitest';
import {askedQuestions} from '../../source/ui/flow/asked-questions.js';
import {initialWizardState, resumeIndex, wizardReducer} from '../../source/ui/flow/wizard-reducer.js';
import type {SectionEntry, WizardAction, WizardState} from '../../source/ui/flow/wizard-state.js';

const sections: SectionEntry[] = [
	{id: 'pre-upgrade', number: '0', title: 'Before', skippable: false, questions: ['a', 'b']},
	{id: 'stats', number: '2.6', title: 'Stats', skippable: true, questions: ['c']},
	{id: 'register', number: '4.1', title: 'Register', skippable: false, questions: []},
];

const play = (state: WizardState, ...actions: WizardAction[]) => actions.reduce(wizardReducer, state);
const fresh = () => initialWizardState(sections, {});

describe('the wizard flow (pure reducer, no Ink)', () => {
	it('walks a section: intro → each question → preview → run → the next section, and ends at the summary', () => {
		let state = play(fresh(), {type: 'choose', choice: 'beginning'});
		expect(state.screen).toEqual({kind: 'intro', section: 0});
		state = play(state, {type: 'next'}, {type: 'next'});
		expect(state.screen).toEqual({kind: 'question', section: 0, question: 1});
		state = play(state, {type: 'next'});
		expect(state.screen).toEqual({kind: 'preview', section: 0});
		state = play(state, {type: 'run', stepMode: true});
		expect(state.screen).toEqual({kind: 'run', section: 0, stepMode: true});
		state = play(state, {type: 'run-finished', outcome: 'done', state: 'done'});
		expect(state.states['pre-upgrade']).toBe('done');
		expect(state.screen).toEqual({kind: 'intro', section: 1});
		// A section without questions goes from its intro straight to the preview.
		state = play(state, {type: 'skip-section'}, {type: 'next'});
		expect(state.screen).toEqual({kind: 'preview', section: 2});
		state = play(state, {type: 'run', stepMode: false}, {type: 'run-finished', outcome: 'done', state: 'done'});
		expect(state.screen).toEqual({kind: 'summary'});
		// Every section done or skipped: the walk ran to its end (a rehearsal then verifies its sandbox).
		expect(play(state, {type: 'quit'}).screen).toEqual({kind: 'exit', code: 0, finished: true});
	});

	it('quitting before every section is done or skipped is no finished walk: at the welcome, midway, or with a section left for later', () => {
		expect(play(fresh(), {type: 'quit'}).screen).toStrictEqual({kind: 'exit', code: 0});
		const firstDone = play(fresh(), {type: 'choose', choice: 'beginning'}, {type: 'next'}, {type: 'next'}, {type: 'next'}, {type: 'run', stepMode: false}, {type: 'run-finished', outcome: 'done', state: 'done'});
		expect(firstDone.screen).toEqual({kind: 'intro', section: 1});
		expect(play(firstDone, {type: 'quit'}).screen).toStrictEqual({kind: 'exit', code: 0});
		// Section 4.1's preview passed with Enter (left for later): the walk reaches the summary, 4.1 still to do.
		const leftForLater = play(firstDone, {type: 'skip-section'}, {type: 'next'}, {type: 'next'});
		expect(leftForLater.screen).toEqual({kind: 'summary'});
		expect(play(leftForLater, {type: 'quit'}).screen).toStrictEqual({kind: 'exit', code: 0});
		expect(play(initialWizardState([], {}), {type: 'quit'}).screen).toStrictEqual({kind: 'exit', code: 0});
	});

	it('Esc goes back one screen at a time and the answers stay where they are (the reducer holds positions only)', () => {
		const state = play(fresh(), {type: 'choose', choice: 'beginning'}, {type: 'next'}, {type: 'next'}, {type: 'next'});
		expect(state.screen).toEqual({kind: 'preview', section: 0});
		expect(play(state, {type: 'back'}).screen).toEqual({kind: 'question', section: 0, question: 1});
		expect(play(state, {type: 'back'}, {type: 'back'}, {type: 'back'}).screen).toEqual({kind: 'intro', section: 0});
		expect(play(state, {type: 'back'}, {type: 'back'}, {type: 'back'}, {type: 'back'}).screen).toEqual({kind: 'welcome'});
	});

	it('skips only optional sections, and records the choice', () => {
		const atFirst = play(fresh(), {type: 'choose', choice: 'beginning'});
		expect(play(atFirst, {type: 'skip-section'})).toBe(atFirst);
		const atStats = play(atFirst, {type: 'next'}, {type: 'next'}, {type: 'next'}, {type: 'next'});
		expect(atStats.screen).toEqual({kind: 'intro', section: 1});
		const skipped = play(atStats, {type: 'skip-section'});
		expect(skipped.states.stats).toBe('skipped');
		expect(skipped.screen).toEqual({kind: 'intro', section: 2});
	});

	it('resumes at the first section that is neither done nor skipped', () => {
		const state = initialWizardState(sections, {'pre-upgrade': 'done', stats: 'skipped', register: 'failed'});
		expect(resumeIndex(state)).toBe(2);
		expect(play(state, {type: 'choose', choice: 'resume'}).screen).toEqual({kind: 'intro', section: 2});
		const allDone = initialWizardState(sections, {'pre-upgrade': 'done', stats: 'done', register: 'done'});
		expect(play(allDone, {type: 'choose', choice: 'resume'}).screen).toEqual({kind: 'summary'});
	});

	it('review walks only the questions, section after section, and comes back to the welcome', () => {
		let state = play(fresh(), {type: 'choose', choice: 'review'});
		expect(state.screen).toEqual({kind: 'question', section: 0, question: 0});
		state = play(state, {type: 'next'}, {type: 'next'});
		expect(state.screen).toEqual({kind: 'question', section: 1, question: 0});
		expect(play(state, {type: 'next'}).screen).toEqual({kind: 'welcome'});
	});

	it('a failed or interrupted run goes to the summary; quitting then exits 1 or 130', () => {
		const running = play(fresh(), {type: 'choose', choice: 'beginning'}, {type: 'next'}, {type: 'next'}, {type: 'next'}, {type: 'run', stepMode: false});
		const failed = play(running, {type: 'run-finished', outcome: 'failed', state: 'failed'});
		expect(failed.screen).toEqual({kind: 'summary'});
		expect(play(failed, {type: 'quit'}).screen).toEqual({kind: 'exit', code: 1});
		const interrupted = play(running, {type: 'run-finished', outcome: 'interrupted', state: 'unknown'});
		expect(play(interrupted, {type: 'quit'}).screen).toEqual({kind: 'exit', code: 130});
	});

	it('a run that started nothing exits as run --yes would: lock refused 4, preflight 3, answers or journal refused 2; the last run decides, from any screen', () => {
		const running = play(fresh(), {type: 'choose', choice: 'beginning'}, {type: 'next'}, {type: 'next'}, {type: 'next'}, {type: 'run', stepMode: false});
		const codes = (['locked', 'unreachable', 'input'] as const).map(notRun => {
			const refused = play(running, {type: 'run-finished', outcome: 'failed', state: 'to do', notRun});
			expect(refused.screen).toEqual({kind: 'summary'});
			// Esc to the welcome, then quit there: the code is still the refusal's.
			const fromWelcome = play(refused, {type: 'back'}, {type: 'quit'});
			return [play(refused, {type: 'quit'}).screen, fromWelcome.screen];
		});
		expect(codes).toEqual([4, 3, 2].map(code => [{kind: 'exit', code}, {kind: 'exit', code}]));
		// Run again after the refusal, and it is done: the last run decides (0); declining a section is no failure (0).
		const refused = play(running, {type: 'run-finished', outcome: 'failed', state: 'to do', notRun: 'locked'}, {type: 'back'});
		const again = play(refused, {type: 'choose', choice: 'resume'}, {type: 'next'}, {type: 'next'}, {type: 'next'}, {type: 'run', stepMode: false}, {type: 'run-finished', outcome: 'done', state: 'done'});
		expect(play(again, {type: 'quit'}).screen).toEqual({kind: 'exit', code: 0});
		expect(play(running, {type: 'run-finished', outcome: 'declined', state: 'to do'}, {type: 'quit'}).screen).toEqual({kind: 'exit', code: 0});
		expect(play(fresh(), {type: 'quit'}).screen).toEqual({kind: 'exit', code: 0});
	});

	it('states read again (a journal found to be other machines\') replace the sections\' states and keep the screen', () => {
		const onIntro = play(initialWizardState(sections, {'pre-upgrade': 'done'}), {type: 'choose', choice: 'beginning'});
		const updated = play(onIntro, {type: 'states', states: {'pre-upgrade': 'unknown'}});
		expect(updated.states).toEqual({'pre-upgrade': 'unknown'});
		expect(updated.screen).toEqual(onIntro.screen);
	});

	it('preview → later leaves the section to do and opens the next one', () => {
		const state = play(fresh(), {type: 'choose', choice: 'beginning'}, {type: 'next'}, {type: 'next'}, {type: 'next'}, {type: 'next'});
		expect(state.screen).toEqual({kind: 'intro', section: 1});
		expect(state.states['pre-upgrade']).toBeUndefined();
	});

	describe('a question asked only when the hosts need it (the sudo password)', () => {
		const notNeeded = {type: 'need', key: 'b', need: {state: 'not needed', why: 'every host logs in as root'}} as const;
		const needed = {type: 'need', key: 'b', need: {state: 'needed', why: 'sudo asks on gnt3'}} as const;
		const checking = {type: 'need', key: 'b', need: {state: 'checking', why: 'Checking gnt3…'}} as const;

		it('found not needed: passed over going forward and back, and counted out of the section\'s questions', () => {
			const state = play(fresh(), notNeeded, {type: 'choose', choice: 'beginning'}, {type: 'next'});
			expect(state.screen).toEqual({kind: 'question', section: 0, question: 0});
			expect(askedQuestions(state, 0)).toEqual(['a']);
			const atPreview = play(state, {type: 'next'});
			expect(atPreview.screen).toEqual({kind: 'preview', section: 0});
			expect(play(atPreview, {type: 'back'}).screen).toEqual({kind: 'question', section: 0, question: 0});
			// A section whose only question is not needed goes from its intro to its preview (and review passes it by).
			const onlyB = initialWizardState([{...sections[0]!, questions: ['b']}, sections[1]!], {});
			expect(play(onlyB, notNeeded, {type: 'choose', choice: 'beginning'}, {type: 'next'}).screen).toEqual({kind: 'preview', section: 0});
			expect(play(onlyB, notNeeded, {type: 'choose', choice: 'beginning'}, {type: 'next'}, {type: 'back'}).screen).toEqual({kind: 'intro', section: 0});
			expect(play(onlyB, notNeeded, {type: 'choose', choice: 'review'}).screen).toEqual({kind: 'question', section: 1, question: 0});
		});

		it('needed, checking or not known: asked, in its place', () => {
			for (const need of [[], [needed], [checking]] as const) {
				const state = play(fresh(), ...need, {type: 'choose', choice: 'beginning'}, {type: 'next'}, {type: 'next'});
				expect(state.screen).toEqual({kind: 'question', section: 0, question: 1});
				expect(askedQuestions(state, 0)).toEqual(['a', 'b']);
			}
		});

		it('found not needed while its screen waits on the check: the walk moves on; on another screen it stays', () => {
			const waiting = play(fresh(), checking, {type: 'choose', choice: 'beginning'}, {type: 'next'}, {type: 'next'});
			expect(play(waiting, notNeeded).screen).toEqual({kind: 'preview', section: 0});
			expect(play(waiting, needed).screen).toEqual(waiting.screen);
			const onA = play(fresh(), checking, {type: 'choose', choice: 'beginning'}, {type: 'next'});
			expect(play(onA, notNeeded).screen).toEqual(onA.screen);
		});

		it('a new deployment forgets what was found for the last one', () => {
			const state = play(fresh(), notNeeded, {type: 'deployment', sections, states: {}});
			expect(askedQuestions(state, 0)).toEqual(['a', 'b']);
		});
	});
});
