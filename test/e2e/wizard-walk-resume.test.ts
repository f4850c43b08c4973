import {describe, expect, it} from 'vitest';
import {waitForVisible, walk} from './wizard-driver.js';
import {walkFixture} from './wizard-walk-fixture.js';

const fixture = walkFixture();

describe('the wizard on the built CLI in a real terminal (tmux, 80×24), keys typed as a person would', () => {
	it('(b) quit in section 2, start again: resume is offered, the answers are remembered, an unsaved secret is asked again, the walk completes', async () => {
		const secrets = fixture.sandboxAnswers();
		let terminal = fixture.open(['--answers', fixture.answersFile(), '--state-dir', fixture.state]);
		await waitForVisible(terminal, /Resume at 0 Before/, 'the welcome');
		terminal.press('Enter');
		await walk(terminal, {until: /^2\.1 Install the v0\.15 packages/m});
		terminal.press('Enter');
		await waitForVisible(terminal, /^Question 1 of \d+ · 2\.1 /m, 'the first question of 2.1');
		terminal.press('C-c');
		expect(await terminal.exitStatus()).toBe(0);

		// Started again without the answers file: what was given is saved in the state directory.
		terminal = fixture.open(['--state-dir', fixture.state]);
		const welcome = await waitForVisible(terminal, /Resume at 2\.1 Install the v0\.15 packages/, 'resume offered at 2.1');
		expect(welcome).toMatch(/done {4}0 {4}Before the upgrade/);
		expect(welcome).toMatch(/done {4}1 {4}Bring web services down/);
		terminal.press('Enter');
		const asked: string[] = [];
		const summary = await walk(terminal, {
			until: /^Summary$/m,
			answer(screen) {
				const key = /^(pithosOauthSecret|vncPassword|statsSecretKey) ·/m.exec(screen)?.[1];
				if (key !== undefined && /type it ›|again {3}›/.test(screen)) {
					asked.push(key);
					return [String(secrets[key]), 'Enter'];
				}

				// The answers given in the first run are offered as saved, not asked from scratch.
				if (/^astakosBaseUrl · /m.test(screen)) {
					expect(screen).toMatch(/^astakosBaseUrl · offered: https:\/\/\S+ · saved/m);
				}

				return undefined;
			},
		});
		// Each secret given in the first run but not saved is asked for again (typed twice), never generated anew.
		expect([...new Set(asked)]).toEqual(['pithosOauthSecret', 'vncPassword', 'statsSecretKey']);
		expect(asked).toHaveLength(6);
		expect(summary).toMatch(/2\.1 Install the v0\.15 packages/);
		terminal.press('Enter');
		expect(await terminal.exitStatus()).toBe(0);
		await fixture.verified();
	}, 900_000);
});
