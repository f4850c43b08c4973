import {setImmediate as macrotask} from 'node:timers/promises';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {App} from '../../source/ui/app.js';
import type {Deployment, WizardServices} from '../../source/ui/deployment.js';
import type {SectionState} from '../../source/ui/flow/wizard-state.js';
import {squeezed} from '../helpers/squeezed.js';
import {waitFor} from '../helpers/wait-for.js';
import {sandboxDeployment, sandboxScreens} from './sandbox-screens.js';

const screens = sandboxScreens();

const note = 'The journal was written for other machines (astakos: not the machine it recorded): its states are unknown here; start over with `snf-upgrade status --reset`.';

/**
 * The wizard's App with a configured deployment (a real sandbox) whose journal check the test answers with
 * `answer(note)`; once answered, its sections' states are all unknown (as openDeployment's after a journal of other
 * machines). A rehearsal chosen opens a fresh deployment on the same sandbox: its own states, no note.
 */
function heldCheck() {
	const made = screens.sandbox('snf-wizard-race-');
	let answer: (found: string | undefined) => void = () => {};
	const check = new Promise<string | undefined>(resolve => {
		answer = resolve;
	});
	let checked = false;
	const real = sandboxDeployment(made, 'The configured deployment');
	const configured: Deployment = {
		...real,
		sectionStates: () => (checked ? Object.fromEntries(real.sections.map(section => [section.id, 'unknown' as SectionState])) : real.sectionStates()),
		async checkJournal() {
			const found = await check;
			checked = true;
			return found;
		},
	};
	const services: WizardServices = {
		configured: {description: 'The configured deployment', open: async () => configured},
		openRehearsal: async () => sandboxDeployment(made, 'The rehearsal sandbox'),
		describeHint: 'unused',
	};
	const app = screens.render(<App services={services}/>);
	const frame = () => app.lastFrame() ?? '';
	return {app, frame, check, answer: (found: string | undefined) => answer(found), checked: () => checked};
}

/** The rehearsal's welcome: its own states (every section to do), no note of the configured deployment's journal. */
function expectRehearsalWelcome(frame: string) {
	expect(squeezed(frame)).not.toContain(squeezed('The journal was written for other machines'));
	expect(frame).toMatch(/to do +0 +Before the upgrade/);
	expect(frame).not.toMatch(/unknown/);
}

describe('the welcome\'s journal check and a rehearsal (ink-testing-library, real sandbox)', () => {
	it('the check of the configured deployment resolving after "Rehearse" was chosen changes nothing on the rehearsal\'s screens', async () => {
		const {app, frame, check, answer, checked} = heldCheck();
		await waitFor(() => frame().includes('Resume at 0 Before the upgrade'), () => `the configured deployment open (last frame:\n${frame()})`);

		app.stdin.write('r');
		await waitFor(() => frame().startsWith('0 Before the upgrade'), () => `the rehearsal's first section (last frame:\n${frame()})`);
		answer(note);
		await check;
		// The App's handler of the check runs in the microtasks after it; the rehearsal's welcome is drawn after that.
		await macrotask();
		app.stdin.write('\u001B');
		await waitFor(() => frame().includes('The rehearsal sandbox') && frame().includes('Resume at'), () => `the rehearsal's welcome (last frame:\n${frame()})`);
		expect(checked()).toBe(true);
		expectRehearsalWelcome(frame());
	}, 60_000);

	it('a note the check put on the configured deployment\'s welcome is gone once the rehearsal opens', async () => {
		const {app, frame, answer} = heldCheck();
		answer(note);
		await waitFor(() => squeezed(frame()).includes(squeezed(note)), () => `the note on the configured deployment's welcome (last frame:\n${frame()})`);
		expect(frame()).toMatch(/unknown +0 +Before the upgrade/);

		app.stdin.write('r');
		await waitFor(() => frame().startsWith('0 Before the upgrade'), () => `the rehearsal's first section (last frame:\n${frame()})`);
		app.stdin.write('\u001B');
		await waitFor(() => frame().includes('The rehearsal sandbox') && frame().includes('Resume at'), () => `the rehearsal's welcome (last frame:\n${frame()})`);
		expectRehearsalWelcome(frame());
	}, 60_000);
});
