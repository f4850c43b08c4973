import React from 'react';
import {describe, expect, it} from 'vitest';
import {App} from '../../source/ui/app.js';
import type {Deployment, WizardServices} from '../../source/ui/deployment.js';
import {waitFor} from '../helpers/wait-for.js';
import {sandboxDeployment, sandboxScreens} from './sandbox-screens.js';

const screens = sandboxScreens();

/**
 * The wizard's App on a real deployment (a sandbox's answers, the real answers store and journal) whose
 * opening the test holds: `release()` lets it open, as commands/wizard.ts's open() does once loaded.
 */
function heldDeployment(): {services: WizardServices; release: () => void; opened: () => boolean} {
	const made = screens.sandbox('snf-wizard-welcome-');
	let release = () => {};
	const gate = new Promise<void>(resolve => {
		release = resolve;
	});
	let opened = false;
	const open = async (): Promise<Deployment> => {
		await gate;
		opened = true;
		return sandboxDeployment(made, 'The deployment in the test sandbox');
	};

	const services: WizardServices = {
		configured: {description: 'The deployment in the test sandbox', open},
		openRehearsal: async () => {
			throw new Error('no rehearsal in this test');
		},
		describeHint: 'unused',
	};
	return {services, release: () => release(), opened: () => opened};
}

describe('the welcome (ink-testing-library): drawn before the deployment is open', () => {
	it('shows the deployment and "reading…" first, then each section’s state from the journal and where to resume', async () => {
		const {services, release, opened} = heldDeployment();
		const app = screens.render(<App services={services}/>);
		const frame = () => app.lastFrame() ?? '';
		await waitFor(() => frame().includes('letter shortcut'), 'the welcome’s first frame');
		expect(frame()).toContain('The deployment in the test sandbox');
		expect(frame()).toContain('Reading the answers and the journal…');
		expect(frame()).toContain('Resume where the last run stopped (reading the journal…)');
		expect(frame()).not.toMatch(/to do/);
		expect(opened()).toBe(false);

		release();
		await waitFor(() => frame().includes('Resume at 0 Before the upgrade'), `the section states (last frame:\n${frame()})`);
		expect(frame()).toMatch(/to do +0 +Before the upgrade/);
		expect(frame()).toMatch(/to do +5 +Bring all services up/);
		expect(frame()).not.toContain('Reading the answers and the journal…');
	}, 60_000);

	it('a choice typed while it reads is taken once the deployment is open', async () => {
		const {services, release} = heldDeployment();
		const app = screens.render(<App services={services}/>);
		const frame = () => app.lastFrame() ?? '';
		await waitFor(() => frame().includes('Reading the answers and the journal…'), 'the welcome reading');
		app.stdin.write('h');
		await waitFor(() => frame().includes('That follows once the answers and the journal are read…'), `the choice held (last frame:\n${frame()})`);
		expect(frame()).toContain('letter shortcut');

		release();
		await waitFor(() => frame().startsWith('Hosts: inventory and connection test'), `the inventory screen (last frame:\n${frame()})`);
		expect(frame()).toMatch(/astakos/);
	}, 60_000);
});
