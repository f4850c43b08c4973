import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {waitForVisible, walk} from './wizard-driver.js';
import {walkFixture} from './wizard-walk-fixture.js';

const fixture = walkFixture();

describe('the wizard on the built CLI in a real terminal (tmux, 80×24), keys typed as a person would', () => {
	it('(a) a full walk that skips Shibboleth: every question answered, every section previewed and run, sandbox verify passes', async () => {
		// Leaving Shibboleth out means keeping the REMOTE_USER the deployment has: say so, so that verify expects it.
		const document = JSON.parse(fs.readFileSync(fixture.answersFile(), 'utf8')) as {answers: Record<string, unknown>};
		document.answers.shibbolethRemoteUser = 'eppn persistent-id targeted-id';
		fs.writeFileSync(fixture.answersFile(), JSON.stringify(document));
		const terminal = fixture.open(['--answers', fixture.answersFile(), '--state-dir', fixture.state]);
		await waitForVisible(terminal, /Resume at 0 Before the upgrade/, 'the welcome offering to start at section 0');
		terminal.press('Enter');
		const seen = new Set<string>();
		const summary = await walk(terminal, {
			until: /^Summary$/m,
			skip: /^2\.7 Shibboleth configuration \(optional\)/m,
			answer(screen) {
				seen.add(/^([a-zA-Z]+) · /m.exec(screen)?.[1] ?? '');
				return undefined;
			},
		});
		expect(summary).toMatch(/^section +host +ran done skip fail/m);
		expect(summary).toMatch(/^0 Before the upgrade.* +[1-9]\d* +0 +0 +0$/m);
		// Every section's questions were on screen (about forty of them), and the previews were run.
		expect(seen.size).toBeGreaterThan(35);
		terminal.press('Enter');
		expect(await terminal.exitStatus()).toBe(0);
		const saved = JSON.parse(fs.readFileSync(path.join(fixture.state, 'answers.json'), 'utf8')) as {skippedSections?: string[]};
		expect(saved.skippedSections).toEqual(['shibboleth']);
		await fixture.verified();
	}, 900_000);
});
