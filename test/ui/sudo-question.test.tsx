import fs from 'node:fs';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {sectionQuestions} from '../../source/domain/answers/questions.js';
import {App} from '../../source/ui/app.js';
import type {Deployment, WizardServices} from '../../source/ui/deployment.js';
import {waitFor} from '../helpers/wait-for.js';
import {sandboxDeployment, sandboxScreens, type ScreenSandbox} from './sandbox-screens.js';

const screens = sandboxScreens();

function servicesOf(deployment: Deployment): WizardServices {
	return {
		configured: {description: deployment.description, open: async () => deployment},
		openRehearsal: async () => {
			throw new Error('no rehearsal in this test');
		},
		describeHint: 'unused',
	};
}

/** The sandbox's inventory with the stats host replaced by a non-root SSH login that nothing answers (port 1). */
function withUnreachableSudoHost(made: ScreenSandbox): void {
	const file = made.sandbox.answersFile;
	const document = JSON.parse(fs.readFileSync(file, 'utf8')) as {inventory: Record<string, unknown>};
	document.inventory.stats = {name: 'stats', ssh: 'admin@127.0.0.1:1'};
	fs.writeFileSync(file, JSON.stringify(document));
}

const titleOf = (frame: string) => /^Question (\d+) of (\d+) · (\S+) /m.exec(frame);
const keyOf = (frame: string) => /^(\w+) · /m.exec(frame)?.[1];

/**
 * Reviews the answers (welcome → a) and takes each question of section 0 as offered (Enter), until the
 * sudo password question or the end of the section: the keys asked and the question counts shown.
 */
async function reviewSectionZero(deployment: Deployment) {
	const app = screens.render(<App services={servicesOf(deployment)}/>);
	const frame = () => app.lastFrame() ?? '';
	await waitFor(() => frame().includes('Resume at 0 Before'), () => `the welcome (last frame:\n${frame()})`);
	app.stdin.write('a');
	const asked: string[] = [];
	const counts = new Set<string>();
	for (;;) {
		await waitFor(() => titleOf(frame()) !== null && keyOf(frame()) !== undefined && keyOf(frame()) !== asked.at(-1), () => `the next question (last frame:\n${frame()})`);
		const [, , count, section] = titleOf(frame())!;
		if (section !== '0') {
			return {app, frame, asked, counts};
		}

		asked.push(keyOf(frame())!);
		counts.add(count!);
		if (asked.at(-1) === 'sudoPassword') {
			return {app, frame, asked, counts};
		}

		app.stdin.write('\r');
	}
}

const general = sectionQuestions('general').map(question => question.spec.key);
const preUpgrade = sectionQuestions('pre-upgrade').map(question => question.spec.key);

describe('the sudo password question (ink-testing-library, the real deployment on a sandbox)', () => {
	it('is not asked when every host is local: section 0 has its other questions only, counted without it', async () => {
		const {asked, counts} = await reviewSectionZero(sandboxDeployment(screens.sandbox('snf-wizard-sudo-')));
		expect(general).toContain('sudoPassword');
		expect(asked).toEqual([...general, ...preUpgrade].filter(key => key !== 'sudoPassword'));
		expect([...counts]).toEqual([String(asked.length)]);
	}, 60_000);

	it('is asked, saying why, when a host logs in as another user and the check cannot tell; typed twice, never shown, and kept for the session', async () => {
		const made = screens.sandbox('snf-wizard-sudo-');
		withUnreachableSudoHost(made);
		const deployment = sandboxDeployment(made);
		const {app, frame, asked, counts} = await reviewSectionZero(deployment);
		expect(asked.at(-1)).toBe('sudoPassword');
		expect([...counts]).toEqual([String(general.length + preUpgrade.length)]);
		await waitFor(() => frame().includes('type it ›'), () => `the secret field once the hosts are checked (last frame:\n${frame()})`);
		expect(frame().replaceAll(/\s+/g, ' ')).toMatch(/Asked because cannot tell on stats \(SSH connection to 127\.0\.0\.1:1 refused\)\. Leave it empty if sudo there needs none\./);
		for (const step of ['again   ›', 'nicsBackendId · ']) {
			const drawn = app.frames.length;
			app.stdin.write('pa55 word');
			await waitFor(() => app.frames.length > drawn, 'the hidden field drawn again');
			app.stdin.write('\r');
			await waitFor(() => frame().includes(step), () => `${step} (last frame:\n${frame()})`);
		}

		expect(app.frames.join('\n')).not.toContain('pa55');
		expect(deployment.secretKnown('sudoPassword')).toBe(true);
	}, 60_000);
});
