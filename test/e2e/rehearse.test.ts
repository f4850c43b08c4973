import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureCliBuilt, runCli} from './run-helpers.js';

let state: string;

beforeAll(() => {
	ensureCliBuilt();
	// A state dir that does not exist yet: rehearse creates it.
	state = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-rehearse-')), 'state');
}, 120_000);

afterAll(() => {
	fs.rmSync(path.dirname(state), {recursive: true, force: true});
});

describe('snf-upgrade rehearse (what npm start runs)', () => {
	it('upgrades a fresh sandbox under the state dir, verifies it, says where everything is, and leaves the admin\'s answers alone', async () => {
		const result = await runCli(['rehearse', '--state-dir', state]);
		expect(result.stderr).not.toContain('failed on');
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^All \d+ checks passed\.$/m);
		expect(result.stdout).toContain('The rehearsal upgraded the sandbox correctly.');
		const [rehearsal] = fs.readdirSync(path.join(state, 'rehearsals'));
		expect(result.stdout).toContain(`sandbox:     ${path.join(state, 'rehearsals', rehearsal!, 'sandbox')}`);
		expect(fs.existsSync(path.join(state, 'rehearsals', rehearsal!, 'state', 'journals'))).toBe(true);
		expect(fs.existsSync(path.join(state, 'answers.json'))).toBe(false);
		for (const directory of [state, path.join(state, 'rehearsals'), path.join(state, 'rehearsals', rehearsal!)]) {
			expect((fs.statSync(directory).mode & 0o777).toString(8), directory).toBe('700');
		}
	}, 180_000);
});
