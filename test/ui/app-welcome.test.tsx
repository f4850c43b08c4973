import process from 'node:process';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {App} from '../../source/ui/app.js';
import type {Deployment, WizardServices} from '../../source/ui/deployment.js';
import {waitFor} from '../helpers/wait-for.js';
import {parseCli} from '../../source/cli-options.js';
import {openConfigured} from '../../source/commands/wizard/wizard-services.js';
import {createSandbox} from '../../source/sandbox/create-sandbox.js';
import {squeezed} from '../helpers/squeezed.js';
import {driveRunScreen} from './run-screen-driver.js';
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
		await waitFor(() => frame().includes('Resume at 0 Before the upgrade'), () => `the section states (last frame:\n${frame()})`);
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
		await waitFor(() => frame().includes('That follows once the answers and the journal are read…'), () => `the choice held (last frame:\n${frame()})`);
		expect(frame()).toContain('letter shortcut');

		release();
		await waitFor(() => frame().startsWith('Hosts: inventory and connection test'), () => `the inventory screen (last frame:\n${frame()})`);
		expect(frame()).toMatch(/astakos/);
	}, 60_000);
});

/** The wizard's App on a deployment opened at once (as commands/wizard.ts opens it after the first frame). */
const configured = (deployment: () => Deployment): WizardServices => ({
	configured: {description: 'The deployment in the test sandbox', open: async () => deployment()},
	openRehearsal: async () => {
		throw new Error('no rehearsal in this test');
	},
	describeHint: 'unused',
});

describe('the welcome and a journal of other machines (real sandbox, the hosts\' identities read after the first frame)', () => {
	it('section 0 done on these machines shows done; the sandbox made again at the same path (new machines): the journal\'s states are unknown, with why and status --reset', async () => {
		const made = screens.sandbox('snf-wizard-welcome-foreign-');
		const run = driveRunScreen(sandboxDeployment(made).startRun('pre-upgrade'), {show: tree => screens.render(tree), finishMs: 120_000});
		expect((await run.finished()).outcome).toBe('done');

		const own = screens.render(<App services={configured(() => sandboxDeployment(made))}/>);
		const ownFrame = () => own.lastFrame() ?? '';
		await waitFor(() => /done +0 +Before the upgrade/.test(ownFrame()), () => `section 0 done (last frame:\n${ownFrame()})`);
		own.unmount();
		expect(await sandboxDeployment(made).checkJournal()).toBeUndefined();

		// A reinstall: the same host names and paths, other machines (each sandbox host's etc/machine-id is new).
		createSandbox(made.sandbox.directory, {force: true});
		const app = screens.render(<App services={configured(() => sandboxDeployment(made))}/>);
		const frame = () => app.lastFrame() ?? '';
		await waitFor(() => squeezed(frame()).includes(squeezed('status --reset')), 'the journal named as another deployment\'s');
		expect(frame()).toMatch(/unknown +0 +Before the upgrade/);
		expect(frame()).not.toMatch(/done +0 /);
		expect(squeezed(frame())).toContain(squeezed('The journal was written for other machines'));
		expect(frame()).toContain('Resume at 0 Before the upgrade');
		// Opened as `snf-upgrade --answers F --state-dir D` opens it: the hosts named, and the command for this state dir.
		const context = {input: [], flags: parseCli(['--answers', made.sandbox.answersFile, '--state-dir', made.paths.root]).flags, stdout: process.stdout, stderr: process.stderr, env: {}};
		const again = openConfigured({context, paths: made.paths, parallel: 4}, 'test');
		expect(again.sectionStates()['pre-upgrade']).toBe('done');
		expect(await again.checkJournal()).toMatch(new RegExp(`^The journal was written for other machines \\(\\S+, \\S+, \\S+ and \\d+ more: not the machines it recorded\\): its states are unknown here; start over with \`snf-upgrade status --reset --state-dir ${made.paths.root}\``));
		expect(again.sectionStates()['pre-upgrade']).toBe('unknown');

		// Not checked at the welcome (a host could not be read then): the section run's refusal of the journal makes its states unknown too.
		const unchecked = sandboxDeployment(made);
		const refused = driveRunScreen(unchecked.startRun('pre-upgrade'), {show: tree => screens.render(tree), finishMs: 120_000});
		expect((await refused.finished()).notRun).toBe('input');
		expect(unchecked.sectionStates()['pre-upgrade']).toBe('unknown');
	}, 180_000);
});

describe('the welcome\'s note of other machines at the terminal\'s size (ink-testing-library: 100×24)', () => {
	it('the note is wrapped at words and the section list gives up the rows it takes: the frame stays within the terminal', async () => {
		const made = screens.sandbox('snf-wizard-welcome-note-');
		// Long words (paths, host names) wrap into more rows than the note's length over the width.
		const note = `The journal was written for other machines (${Array.from({length: 4}, (_, index) => `${String(index)}${'x'.repeat(58)}`).join(', ')}): its states are unknown here; start over with \`snf-upgrade status --reset\`.`;
		const services = configured(() => ({...sandboxDeployment(made), checkJournal: async () => note}));
		const app = screens.render(<App services={services}/>);
		const frame = () => app.lastFrame() ?? '';
		await waitFor(() => squeezed(frame()).includes(squeezed('status --reset')), 'the note');
		// A frame as tall as the terminal makes Ink clear it, scrollback and all (ESC[3J), at every render.
		expect(frame().split('\n').length).toBeLessThanOrEqual(23);
		expect(squeezed(frame())).toContain(squeezed(note));
		expect(frame()).toContain('letter shortcut');
	}, 60_000);
});
