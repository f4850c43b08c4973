import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, beforeEach, expect} from 'vitest';
import type {Terminal} from '../helpers/tmux.js';
import {ensureCliBuilt, runCli} from './run-helpers.js';
import {openWizard} from './wizard-driver.js';

/** What a wizard walk test works on: a fresh sandbox and state directory per test, and the terminal it opened. */
export interface WalkFixture {
	work: string;
	sandbox: string;
	state: string;
	terminal: Terminal | undefined;
	/** Opens the wizard with these arguments in the work directory (closed after the test), every byte it writes recorded to `record` if given. */
	readonly open: (args: readonly string[], record?: string) => Terminal;
	readonly answersFile: () => string;
	readonly sandboxAnswers: () => Record<string, unknown>;
	/** `sandbox verify` passes; its output. */
	readonly verified: () => Promise<string>;
}

/**
 * Registers the hooks of a wizard walk file (the walks are one file each, so the test forks run them side by
 * side): the CLI built once, a new sandbox before each test, the terminal closed and the work removed after.
 */
export function walkFixture(): WalkFixture {
	const fixture: WalkFixture = {
		work: '',
		sandbox: '',
		state: '',
		terminal: undefined,
		open(args, record) {
			fixture.terminal?.close();
			fixture.terminal = openWizard(args, fixture.work, {}, record);
			return fixture.terminal;
		},
		answersFile: () => path.join(fixture.sandbox, 'answers.json'),
		sandboxAnswers: () => (JSON.parse(fs.readFileSync(fixture.answersFile(), 'utf8')) as {answers: Record<string, unknown>}).answers,
		async verified() {
			const verify = await runCli(['sandbox', 'verify', fixture.sandbox]);
			expect(verify.stdout).not.toMatch(/FAIL/);
			expect(verify.code).toBe(0);
			return verify.stdout;
		},
	};
	beforeAll(() => {
		ensureCliBuilt();
	}, 300_000);
	beforeEach(async () => {
		fixture.work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-wizard-'));
		fixture.sandbox = path.join(fixture.work, 'sb');
		fixture.state = path.join(fixture.work, 'state');
		expect((await runCli(['sandbox', fixture.sandbox])).code).toBe(0);
	});
	afterEach(() => {
		fixture.terminal?.close();
		fixture.terminal = undefined;
		fs.rmSync(fixture.work, {recursive: true, force: true});
	});
	return fixture;
}
