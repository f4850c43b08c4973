import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {PlannedStep} from '../../source/domain/plan-types.js';
import {readJournalFile} from '../../source/state/journal.js';
import type {FakeRule} from '../helpers/fake-executor.js';
import {waitFor} from '../helpers/wait-for.js';
import {driveRunScreen} from './run-screen-driver.js';
import {command, harness, host, step, type Harness} from '../runner/fixtures.js';

const [a, b, c] = [host('a'), host('b'), host('c')];
let directory: string;
let app: ReturnType<typeof render> | undefined;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-run-screen-'));
});

afterEach(() => {
	app?.cleanup();
	app = undefined;
	fs.rmSync(directory, {recursive: true, force: true});
});

/** The run screen on the real runner (runPlan) with a scripted executor. */
function show(h: Harness, steps: readonly PlannedStep[], stepMode = false) {
	return driveRunScreen(async hooks => h.run(steps, hooks), {show: tree => (app = render(tree)), stepMode, events: h.events});
}

const slowLines: FakeRule = {match: /^print (\d+)$/, async run(io) {
	for (let line = 1; line <= Number(io.command.split(' ')[1]); line++) {
		io.print(`${io.host.id} line ${line}\n`);
	}
}};

/** `broken` fails until the marker `fixed` is set on its host. */
const broken: FakeRule = {match: /^broken$/, run(io) {
	if (!io.state.has(`${io.host.id}:fixed`)) {
		io.print('E: the package is not there\n', 'stderr');
		return {exitCode: 100};
	}
}};

describe('RunScreen on the real runner', () => {
	it('a fan-out step: host lines, the output tail, and one collapsed line per finished step', async () => {
		const h = harness(directory, [slowLines]);
		const screen = show(h, [step('pkgs', 'packages', [command(a, ['print', '200']), command(b, ['print', '3']), command(c, ['print', '3'])]), step('next', 'stats', [command(a, ['mark', 'x'])])]);
		const result = await screen.finished();
		expect(result.outcome).toBe('done');
		const frame = screen.frame();
		expect(frame).toMatch(/✔ 2\.1 Title of pkgs · 3 done/);
		expect(frame).toMatch(/✔ .* Title of next · 1 done/);
	});

	it('a failure shows host, command, exit code and output tail; fixed, then retried from the screen, the run completes', async () => {
		const h = harness(directory, [broken]);
		const screen = show(h, [step('pkgs', 'packages', [command(a, ['mark', 'p']), command(b, ['broken'])]), step('next', 'stats', [command(b, ['mark', 'n'])])]);
		const frame = await screen.screen(/r retry/, 'the failure choices');
		expect(frame).toContain('✖ b: exit code 100');
		expect(frame).toContain('command: broken');
		expect(frame).toContain('exit code 100');
		expect(frame).toContain('E: the package is not there');
		expect(frame).toContain('a retry all failed');
		h.world.state.set('b:fixed', 'yes');
		screen.press('r');
		const result = await screen.finished();
		expect(result).toMatchObject({outcome: 'done', failures: []});
		expect(h.world.count(/^broken$/)).toBe(2);
		expect(screen.frame()).toMatch(/✔ 2\.1 Title of pkgs · 2 done/);
	});

	it('skip this host: the step is recorded skipped there and the run goes on', async () => {
		const h = harness(directory, [broken]);
		const screen = show(h, [step('pkgs', 'packages', [command(a, ['mark', 'p']), command(b, ['broken'])]), step('next', 'stats', [command(a, ['mark', 'n'])])]);
		await screen.screen(/s skip this host/, 'the failure choices');
		screen.press('s');
		expect((await screen.finished()).outcome).toBe('done');
		expect(readJournalFile(h.journalFile)!.steps.pkgs!.b!.status).toBe('skipped');
		expect(screen.frame()).toMatch(/Title of pkgs · 1 done, 0 already done, 0 failed, 1 skipped/);
	});

	it('abort (resume later) from the failure screen: the run ends failed', async () => {
		const h = harness(directory);
		const screen = show(h, [step('s', 'oauth', [command(a, ['fail'])]), step('next', 'stats', [command(a, ['mark', 'n'])])]);
		await screen.screen(/q abort \(resume later\)/, 'the failure choices');
		expect(screen.frame()).not.toContain('retry all failed');
		screen.press('q');
		expect((await screen.finished()).outcome).toBe('failed');
		expect(h.world.count(/^mark n$/)).toBe(0);
	});

	it('an answered prompt is shown as such; an unknown one is asked, hidden when it looks like a password', async () => {
		const asking: FakeRule = {match: /^ask$/, async run(io) {
			io.print("Type 'yes' to continue, or 'no' to cancel: ");
			const first = await io.input();
			io.print(`\ngot ${first.trim()}\nEnter the vault password: `);
			const second = await io.input();
			io.print(`\nunlocked with ${second.trim().length} characters\n`);
		}};
		const h = harness(directory, [asking]);
		const rules = [{match: String.raw`Type 'yes' to continue, or 'no' to cancel: `, answer: 'no', description: 'the stale content types question'}];
		const screen = show(h, [step('s', 'oauth', [command(a, ['ask'], {prompts: rules})])]);
		await screen.screen(/answered 'no' to the stale content types question/, 'the answered prompt');
		const frame = await screen.screen(/asks \(no answer known\)/, 'the unknown prompt');
		expect(frame).toContain('Enter the vault password:');
		expect(frame).toContain('typed hidden');
		for (const key of 'hunter2') {
			screen.press(key);
			await new Promise(resolve => setImmediate(resolve));
		}

		screen.press('\r');
		expect((await screen.finished()).outcome).toBe('done');
		expect(screen.frame()).not.toContain('hunter2');
		expect(h.world.calls).toHaveLength(1);
		expect(h.events.some(event => event.type === 'output' && event.text.includes('unlocked with 7 characters'))).toBe(true);
	});

	it('Ctrl+C asks; abort now kills the held command, records the step unknown, and the run ends interrupted', async () => {
		const hold: FakeRule = {match: /^hold$/, async run(io) {
			io.print('holding\n');
			return io.hang();
		}};
		const h = harness(directory, [hold]);
		const screen = show(h, [step('s', 'oauth', [command(a, ['hold'])]), step('next', 'stats', [command(a, ['mark', 'n'])])]);
		await screen.screen(/holding/, 'the held command');
		screen.press('\u0003');
		await screen.screen(/s stop after the running commands {3}a abort now/, 'the Ctrl+C question');
		screen.press('c');
		await waitFor(() => !screen.frame().includes('Stop the run?'), 'continue');
		screen.press('\u0003');
		await screen.screen(/Stop the run\?/, 'the question again');
		screen.press('a');
		const result = await screen.finished();
		expect(result.outcome).toBe('interrupted');
		expect(readJournalFile(h.journalFile)!.steps.s!.a!.status).toBe('unknown');
		expect(h.world.count(/^mark n$/)).toBe(0);
	});
});
