import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readJournalFile} from '../../source/state/journal.js';
import {waitFor} from '../helpers/wait-for.js';
import {filesUnder, runCli} from './run-helpers.js';
import {clearFaults, hungCalls, injectFaults, sandboxProcesses, faultSandboxForThisFile} from './sandbox-faults.js';

const fixture = faultSandboxForThisFile('snf-e2e-time-limit-');
const stateDir = () => path.join(fixture.work, 'state');

type Steps = Record<string, Record<string, {status: string}>>;

const journalSteps = () => {
	return readJournalFile(filesUnder(path.join(stateDir(), 'journals')).find(file => file.endsWith('.json'))!)!.steps as Steps;
};

describe('a command that never ends', () => {
	it('a hung `service gunicorn stop` gets a notice while it says nothing, is stopped at its time limit, and the step fails unknown with the hint; it is never taken for done, and the rerun re-probes it, runs it again and completes', async () => {
		injectFaults(fixture.sandbox, [{host: 'astakos', program: 'service', args: ['gunicorn', 'stop'], effect: 'hang'}]);
		const args = ['run', '--yes', '--answers', path.join(fixture.sandbox, 'answers.json'), '--state-dir', stateDir()];
		// Short limits for the test (the step definitions give 30 min, 2 h for apt and migrations); 10 s is still
		// several times what any command before the hung one takes on a loaded machine.
		const result = await runCli(args, {SNF_UPGRADE_TIME_LIMIT_SECONDS: '10', SNF_UPGRADE_QUIET_NOTICE_SECONDS: '2'});
		expect(hungCalls(fixture.sandbox)).toHaveLength(1);
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(/note: stop-services @ astakos: no output for 2 s from service gunicorn stop; it still runs \(\d+ s so far, stopped at 10 s; Ctrl\+C stops it\)/);
		expect(result.stderr).toMatch(/stop-services failed on astakos: service gunicorn stop: timed out/);
		expect(result.stdout).toMatch(/ran past its time limit \(10 s\) and was stopped; it may or may not have taken effect/);
		expect(journalSteps()['stop-services']!.astakos!.status).toBe('unknown');
		await waitFor(() => sandboxProcesses(fixture.sandbox).length === 0, 'the hung command to be gone', 15_000);

		clearFaults(fixture.sandbox);
		// The rerun re-probes the interrupted step: gunicorn still runs on astakos (the stop never happened), so it runs again.
		const rerun = await runCli(args);
		expect(rerun.stderr).not.toContain('failed on');
		expect(rerun.code).toBe(0);
		expect(rerun.stdout).toContain('note: stop-services @ astakos: interrupted earlier; the probe says');
		expect(rerun.stdout).toContain('stop-services @ astakos: running');
		expect(journalSteps()['stop-services']!.astakos!.status).toBe('done');
	}, 300_000);
});
