import React from 'react';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {RunEvent, StepRef} from '../../source/runner/events.js';
import type {RunResult} from '../../source/runner/run-types.js';
import {sections} from '../../source/domain/sections.js';
import type {RunHooks} from '../../source/ui/run/run-hooks.js';
import {RunScreen} from '../../source/ui/run/run-screen.js';
import {ScrollbackProvider} from '../../source/ui/scrollback.js';
import {squeezed} from '../helpers/squeezed.js';
import {waitFor} from '../helpers/wait-for.js';

let app: ReturnType<typeof render> | undefined;
afterEach(() => {
	app?.cleanup();
	app = undefined;
});

const step: StepRef = {id: 'install-packages', title: 'Install the v0.15 packages', section: sections.find(section => section.id === 'packages')!};
const hosts = Array.from({length: 256}, (_, index) => `gnt${index + 1}`);
const failing = ['gnt177', 'gnt7', 'gnt233', 'gnt77'];
const number = (host: string) => Number(host.slice(3));

/**
 * A 256-host fan-out as the runner reports it, through the run screen's own (real) bridge: 197 done, 30
 * already done, 4 failed, the rest running (231–236 but 233) or waiting (237–256). The run is held until `finish`.
 */
function fanOut() {
	let hooks: RunHooks | undefined;
	let finish: ((result: RunResult) => void) | undefined;
	const emit = (event: RunEvent) => hooks!.onEvent(event);
	const start = async (given: RunHooks) => new Promise<RunResult>(resolve => {
		hooks = given;
		finish = resolve;
		emit({type: 'step-planned', step, hosts});
		for (const host of hosts.filter(host => number(host) <= 236)) {
			emit({type: 'step-started', step, host});
		}

		for (const host of hosts) {
			if (failing.includes(host)) {
				emit({type: 'step-failed', step, host, message: 'apt-get install: exit code 100', exitCode: 100});
			} else if (number(host) <= 200) {
				emit({type: 'step-done', step, host, detail: 'installed'});
			} else if (number(host) <= 230) {
				emit({type: 'step-skipped', step, host, reason: 'already installed', alreadyDone: true});
			}
		}
	});
	app = render(<ScrollbackProvider><RunScreen start={start} stepMode={false} onFinished={() => {}}/></ScrollbackProvider>);
	const frame = () => app!.lastFrame() ?? '';
	return {
		frame,
		hooks: () => hooks!,
		async press(key: string, until: (text: string) => boolean, what: string) {
			app!.stdin.write(key);
			await waitFor(() => until(frame()), () => `${what} (last frame:\n${frame()})`);
		},
		end() {
			emit({type: 'run-finished', outcome: 'failed', summary: {ran: 200, alreadyDone: 30, skipped: 0, failed: 4}});
			finish!({outcome: 'failed', summary: {ran: 200, alreadyDone: 30, skipped: 0, failed: 4}, failures: []});
		},
	};
}

/** The host names on the host rows of a frame, top to bottom. */
const hostRows = (frame: string) => [...frame.matchAll(/^[ ›] (gnt\d+)\s+(failed|running|waiting|done|already done)\b/gm)].map(match => match[1]!);

describe('the run screen at 256 hosts (ink-testing-library, a fake event stream through the real run bridge)', () => {
	it('counts every state, lists the failing hosts first, scrolls the host list within the rows, and collapses to run --yes\'s counts', async () => {
		const screen = fanOut();
		await waitFor(() => screen.frame().includes('4 failed'), 'the counts');
		const frame = screen.frame();
		expect(frame).toContain('4 failed · 5 running · 20 waiting · 197 done · 30 already done');
		// ink-testing-library reports no rows: the screen takes 24 and its live frame stays shorter than that.
		expect(frame.split('\n').length).toBeLessThanOrEqual(23);
		const shown = hostRows(frame);
		expect(shown.length).toBeGreaterThan(4);
		expect(shown.slice(0, 4)).toEqual(['gnt7', 'gnt77', 'gnt177', 'gnt233']);
		expect(frame).toMatch(new RegExp(`hosts 1–${shown.length + 0} of 256 \\(↑↓ PgUp/PgDn Home/End scroll\\)`));

		// A page down, then the end (the done hosts come last, in plan order): the frame still within the rows.
		await screen.press('\u001B[6~', text => hostRows(text)[0] !== 'gnt7', 'a page further');
		await screen.press('\u001B[F', text => hostRows(text).at(-1) === 'gnt200', 'the end of the list');
		expect(screen.frame().split('\n').length).toBeLessThanOrEqual(23);
		expect(screen.frame()).toMatch(/hosts \d+–256 of 256/);
		await screen.press('\u001B[H', text => hostRows(text)[0] === 'gnt7', 'back to the top');

		// A failure waiting for the admin takes its rows first; the list shrinks, the frame stays within the rows.
		void screen.hooks().onFailure({step, host: 'gnt7'});
		await waitFor(() => screen.frame().includes('a retry all failed'), 'the failure choices');
		expect(screen.frame().split('\n').length).toBeLessThanOrEqual(23);
		expect(hostRows(screen.frame())[0]).toBe('gnt7');

		screen.hooks().onEvent({type: 'step-planned', step: {...step, id: 'next-step'}, hosts: ['gnt1']});
		await waitFor(() => screen.frame().includes('✖ 2.1 Install the v0.15 packages · FAILED on'), 'the collapsed step');
		// Wrapped to the width in the scrollback, never cut: every count and the failed hosts first.
		expect(squeezed(screen.frame())).toContain(squeezed('✖ 2.1 Install the v0.15 packages · FAILED on gnt7, gnt77, gnt177, gnt233; 197 done, 30 already done, 4 failed, 0 skipped, 25 unfinished (gnt231, gnt232, gnt234, gnt235, gnt236, gnt237'));
	});
});
