import fs from 'node:fs';
import path from 'node:path';
import React from 'react';
import {describe, expect, it} from 'vitest';
import type {RunHooks} from '../../source/ui/run/run-hooks.js';
import {SummaryScreen} from '../../source/ui/screens/summary-screen.js';
import {squeezed} from '../helpers/squeezed.js';
import {waitFor} from '../helpers/wait-for.js';
import {sandboxDeployment, sandboxScreens} from './sandbox-screens.js';

const screens = sandboxScreens();

/** The run screen's part, answered the way `run --yes` answers: every confirmation yes, no question. */
const unattended = (): RunHooks => ({
	onEvent() {},
	confirm: async () => true,
	question: async () => undefined,
	onFailure: async () => 'stop',
	signal: new AbortController().signal,
	stopSignal: new AbortController().signal,
});


describe('the summary screen (ink-testing-library, after a real section run on a sandbox)', () => {
	it('lists each database dump this session made, per host, with the exact command that restores it; the transcript has each whole', async () => {
		const made = screens.sandbox('snf-wizard-summary-');
		const {sandbox} = made;
		const deployment = sandboxDeployment(made);
		const result = await deployment.startRun('services-down')(unattended());
		expect(result.outcome).toBe('done');

		const summary = deployment.summary();
		const app = screens.render(<SummaryScreen summary={summary} rows={60} columns={100} onClose={() => {}}/>);
		await waitFor(() => (app.lastFrame() ?? '').includes('Backups this session made'), 'the restore lines');
		const frame = app.lastFrame() ?? '';
		const backupDirectory = path.join(sandbox.directory, 'astakos', 'var/backups/snf-upgrade');
		for (const database of ['snf_apps', 'snf_pithos']) {
			const dump = fs.readdirSync(backupDirectory).find(name => name.startsWith(`${database}-before-0.15`));
			expect(dump).toBeDefined();
			const file = path.join(backupDirectory, dump!);
			expect(squeezed(frame)).toContain(squeezed(`astakos: ${file} su - postgres -c "pg_restore --clean --create -d postgres" < ${file}`));
		}

		expect(frame.match(/^ {2}astakos:/gm)).toHaveLength(2);
		expect(frame).not.toContain('no database dump or settings backup was made');
		const transcript = fs.readFileSync(summary.transcripts[0]!, 'utf8');
		expect(transcript).toMatch(/\[backup-databases @ astakos\] backup \S+snf_apps-before-0\.15\.dump; restore \(services stopped\): su - postgres -c "pg_restore --clean --create -d postgres" < \S+snf_apps-before-0\.15\.dump\n/);
	}, 120_000);
});
