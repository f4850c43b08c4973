import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {parseCli} from '../../source/cli-options.js';
import {openConfigured} from '../../source/commands/wizard/wizard-services.js';
import {shellQuote} from '../../source/domain/shell-quote.js';
import type {Host} from '../../source/domain/inventory-types.js';
import {createLocalExecutor} from '../../source/executors/local-executor.js';
import {lockDeployment} from '../../source/runner/deployment-lock.js';
import {createExecutorPool} from '../../source/runner/executor-pool.js';
import {lockDirectory} from '../../source/runner/host-lock-script.js';
import {journalFile, openJournal, readJournalFile} from '../../source/state/journal.js';
import type {Deployment} from '../../source/ui/deployment.js';
import {SummaryScreen} from '../../source/ui/screens/summary-screen.js';
import {cli, ensureCliBuilt, runCli} from '../e2e/run-helpers.js';
import {clearFaults, hungCalls, injectFaults} from '../e2e/sandbox-faults.js';
import {squeezed} from '../helpers/squeezed.js';
import {waitFor} from '../helpers/wait-for.js';
import {driveRunScreen} from './run-screen-driver.js';
import {answersFileHosts, deadPid, holdLock} from '../e2e/held-lock.js';
import {sandboxDeployment, sandboxScreens, type ScreenSandbox} from './sandbox-screens.js';

const screens = sandboxScreens();


/** The wizard's deployment as bare `snf-upgrade ARGV` opens it (the command line parsed as cli.tsx parses it). */
function wizardStartedWith(sb: ScreenSandbox, argv: readonly string[]): Deployment {
	const context = {input: [], flags: parseCli(argv).flags, stdout: process.stdout, stderr: process.stderr, env: {}};
	return openConfigured({context, paths: sb.paths, parallel: 4}, 'test');
}

const sandboxHostsOf = (sb: ScreenSandbox): Host[] => answersFileHosts(sb.sandbox.answersFile);

const locksLeft = (hosts: readonly Host[]) => hosts.filter(host => fs.existsSync(path.join(lockDirectory(host), 'lock'))).map(host => host.id);
const lockRun = (host: Host) => /^run=(.*)$/m.exec(fs.readFileSync(path.join(lockDirectory(host), 'lock', 'info'), 'utf8'))?.[1];
/** A pid that ran on this machine and is gone. */

/** The journal's snapshot and its append log, as they are on disk. */
const journalBytesOf = (file: string) => [file, `${file.slice(0, -'.json'.length)}.log`].map(name => (fs.existsSync(name) ? fs.readFileSync(name, 'utf8') : '(none)'));

/** Section `section` run on the wizard's run screen (the real RunScreen and the deployment's startRun); every event kept. */
const showRun = (deployment: Deployment, section: Parameters<Deployment['startRun']>[0]) => driveRunScreen(deployment.startRun(section), {show: tree => screens.render(tree), finishMs: 120_000});

describe('the wizard takes the deployment lock per section run (real sandbox, real lock directories)', () => {
	it('refused while another live run holds the lock: the holder named on the run screen with the next step, nothing run, the journal untouched', async () => {
		const sb = screens.sandbox('snf-wizard-lock-held-');
		const hosts = sandboxHostsOf(sb);
		// A live `run --yes` of the same state dir: its lock, and its journal with a step running (the second record in the append log).
		const journal = openJournal(sb.paths.journals, hosts.map(host => host.label));
		journal.set('unique-nic-names', 'cyclades', {status: 'done', exitCode: 0});
		journal.set('ganeti-ipolicy', 'ganeti1-master', {status: 'running', startedAt: new Date().toISOString()});
		const file = journalFile(sb.paths.journals, hosts.map(host => host.label));
		const journalBytes = () => journalBytesOf(file);
		const before = journalBytes();
		expect(before[1]).not.toBe('(none)');
		const holder = await holdLock(hosts, 'the-other-run', process.pid, '/home/other/.config/snf-upgrade');
		try {
			const deployment = sandboxDeployment(sb);
			const run = showRun(deployment, 'pre-upgrade');
			const result = await run.finished();
			expect(result.outcome).toBe('failed');
			// The wizard then exits 4, as run --yes does.
			expect(result.notRun).toBe('locked');
			expect(result.failures.map(failure => failure.message).join('\n')).toMatch(new RegExp(`another run holds the deployment lock \\(.*/var/lib/snf-upgrade/lock\\), run by ${os.userInfo().username} on ${os.hostname()}, pid ${process.pid}`));
			// Wrapped to the screen's width, where a line breaks depends on the host name, user and paths.
			const screen = squeezed(run.everything());
			expect(screen).toContain(squeezed('refused: one run at a time on a deployment'));
			expect(screen).toContain(squeezed(`another run holds the deployment lock`));
			expect(screen).toContain(squeezed(`run by ${os.userInfo().username} on ${os.hostname()}, pid ${process.pid}, since`));
			expect(screen).toContain(squeezed('Wait for that run to finish'));
			expect(run.events.filter(event => event.type === 'step-started' || event.type === 'command')).toEqual([]);
			expect(journalBytes()).toEqual(before);
			expect(readJournalFile(file)!.steps['ganeti-ipolicy']!['ganeti1-master']!.status).toBe('running');
			// The holder's lock is left as it was, on every host.
			expect(hosts.map(host => lockRun(host))).toEqual(hosts.map(() => 'the-other-run'));
			// The summary that follows says why nothing ran, and what to do.
			const summary = deployment.summary();
			expect(summary.notRun?.[0]).toBe('refused: one run at a time on a deployment:');
			expect(summary.notRun?.at(-1)).toMatch(/^next: Nothing was run\. Wait for that run to finish/);
			const app = screens.render(<SummaryScreen summary={summary} rows={40} columns={100} onClose={() => {}}/>);
			await waitFor(() => (app.lastFrame() ?? '').includes('The last section started nothing:'), 'the summary naming the refusal');
			expect(squeezed(app.lastFrame() ?? '')).toContain(squeezed(`on ${os.hostname()}, pid ${process.pid}, since`));
		} finally {
			await holder.release();
		}
	}, 180_000);

	it('a stale lock: the hint names the wizard\'s own --break-lock command (not run --yes); started with it, the wizard breaks it, runs, and releases its lock', async () => {
		const sb = screens.sandbox('snf-wizard-lock-stale-');
		const hosts = sandboxHostsOf(sb);
		const holder = await holdLock(hosts, 'a-killed-run', deadPid(), sb.paths.root);
		try {
			const argv = ['--answers', sb.sandbox.answersFile, '--state-dir', sb.paths.root];
			const refused = showRun(wizardStartedWith(sb, argv), 'pre-upgrade');
			expect((await refused.finished()).outcome).toBe('failed');
			const notes = refused.events.flatMap(event => (event.type === 'notice' ? [event.text] : []));
			expect(notes.join('\n')).toContain('the lock is stale');
			expect(notes.at(-1)).toContain(`quit the wizard and start it again as \`snf-upgrade --break-lock --answers ${shellQuote(sb.sandbox.answersFile)} --state-dir ${shellQuote(sb.paths.root)}\` to remove its lock`);
			expect(notes.join('\n')).not.toContain('run --yes');
			expect(refused.everything()).toMatch(/note: next: Nothing was run\. If that run is over/);
			expect(refused.events.filter(event => event.type === 'step-started')).toEqual([]);
			expect(hosts.map(host => lockRun(host))).toEqual(hosts.map(() => 'a-killed-run'));

			const broken = showRun(wizardStartedWith(sb, ['--break-lock', ...argv]), 'pre-upgrade');
			expect((await broken.finished()).outcome).toBe('done');
			expect(broken.events.some(event => event.type === 'step-done')).toBe(true);
			// Done: released on every host of the section; the killed run's lock stays only on the hosts the section does not use.
			const left = locksLeft(hosts);
			expect(left).not.toContain('cyclades');
			expect(left).not.toContain('ganeti1-master');
			expect(left.map(id => lockRun(hosts.find(host => host.id === id)!))).toEqual(left.map(() => 'a-killed-run'));
		} finally {
			await holder.release();
		}
	}, 240_000);

	it('while a wizard section\'s command runs, run --yes is refused (exit 4) and so is --break-lock, from this machine and another (the command is registered); failed and aborted sections release the lock and run --yes takes it', async () => {
		ensureCliBuilt();
		const sb = screens.sandbox('snf-wizard-lock-running-');
		const hosts = sandboxHostsOf(sb);
		const runArgs = (state: string, ...flags: string[]) => ['run', '--yes', '--answers', sb.sandbox.answersFile, '--state-dir', path.join(sb.paths.root, '..', state), ...flags];
		const sandbox = sb.sandbox.directory;
		expect(fs.existsSync(cli)).toBe(true);

		// Failed (q on the failure: resume later): released.
		injectFaults(sandbox, [{host: 'ganeti1-master', program: 'gnt-cluster', args: ['modify'], effect: 'fail', message: 'the cluster is busy'}]);
		const failing = showRun(sandboxDeployment(sb), 'pre-upgrade');
		await waitFor(() => failing.frame().includes('retry'), () => `the failure's choices (last frame:\n${failing.frame()})`, 120_000);
		expect(locksLeft(hosts).length).toBeGreaterThan(0);
		failing.press('q');
		expect((await failing.finished()).outcome).toBe('failed');
		expect(locksLeft(hosts)).toEqual([]);

		// Held: gnt-cluster modify hangs on ganeti1-master while the wizard runs the section.
		injectFaults(sandbox, [{host: 'ganeti1-master', program: 'gnt-cluster', args: ['modify'], effect: 'hang'}]);
		const held = showRun(sandboxDeployment(sb), 'pre-upgrade');
		await waitFor(() => hungCalls(sandbox).length > 0, 'gnt-cluster modify to hang on ganeti1-master', 120_000);
		const master = hosts.find(host => host.id === 'ganeti1-master')!;
		const wizardRun = lockRun(master)!;
		const registered = fs.readdirSync(path.join(lockDirectory(master), 'running'));
		expect(registered).toHaveLength(1);
		expect(fs.readFileSync(path.join(lockDirectory(master), 'running', registered[0]!), 'utf8')).toContain(`run=${wizardRun}\nstep=ganeti-ipolicy\n`);

		for (const state of ['state', 'state-b']) {
			const second = await runCli(runArgs(state));
			expect(second.code).toBe(4);
			expect(second.stderr).toMatch(new RegExp(`another run holds the deployment lock .*, run by ${os.userInfo().username} on ${os.hostname()}, pid ${process.pid}`));
		}

		const breaking = await runCli(runArgs('state-b', '--break-lock'));
		expect(breaking.code).toBe(4);
		expect(breaking.stderr).toMatch(/--break-lock refused: the holder \(pid \d+ on this machine\) still runs/);
		// An admin on another machine cannot tell whether the wizard still runs: only its registered command keeps it from breaking the lock.
		const pool = createExecutorPool(createLocalExecutor);
		try {
			const elsewhere = await lockDeployment({
				hosts: [master], executors: pool, breakLock: true, runsHere: () => false, thisMachine: 'admin-b-laptop',
				holder: {run: 'admin-b', user: 'admin-b', machine: 'admin-b-laptop', pid: 1, since: new Date().toISOString(), stateDir: '/home/admin-b'},
			});
			expect(elsewhere.ok ? [] : elsewhere.problems).toEqual([expect.stringMatching(new RegExp(`^ganeti1-master: --break-lock refused: a command of the holder ganeti1-master: pid ${registered[0]!} \\(step ganeti-ipolicy, since .*, run ${wizardRun}\\) still runs$`))]);
		} finally {
			await pool.dispose();
		}

		expect(hungCalls(sandbox)).toHaveLength(1);
		// The section's hosts are all the wizard's, still.
		expect(locksLeft(hosts)).toEqual(expect.arrayContaining(['cyclades', 'ganeti1-master', 'ganeti2-master']));
		expect(locksLeft(hosts).map(id => lockRun(hosts.find(host => host.id === id)!))).toEqual(locksLeft(hosts).map(() => wizardRun));

		// Ctrl+C → abort: the held command is stopped and every lock released; then run --yes takes the lock.
		held.press('\u0003');
		await waitFor(() => held.frame().includes('Stop the run?'), 'the Ctrl+C question');
		held.press('a');
		expect((await held.finished()).outcome).toBe('interrupted');
		expect(locksLeft(hosts)).toEqual([]);
		clearFaults(sandbox);
		const after = await runCli(runArgs('state', '--only', 'pre-upgrade'));
		expect(after.stderr).not.toContain('refused');
		expect(after.code).toBe(0);
		expect(locksLeft(hosts)).toEqual([]);
	}, 420_000);
});

describe('the wizard ties the journal to the deployment\'s machines, as run --yes does (real sandbox)', () => {
	it('a journal written for other machines is refused before anything runs: named on the run screen with the way out, the journal untouched, the lock released', async () => {
		const sb = screens.sandbox('snf-wizard-journal-foreign-');
		const hosts = sandboxHostsOf(sb);
		// The state directory of a deployment whose cyclades was another machine (a reinstalled host, a sandbox made again).
		const journal = openJournal(sb.paths.journals, hosts.map(host => host.label));
		journal.recordIdentity({cyclades: 'f'.repeat(32)});
		journal.set('unique-nic-names', 'cyclades', {status: 'done', exitCode: 0});
		const file = journalFile(sb.paths.journals, hosts.map(host => host.label));
		// What the journal says (the open folds its log into the snapshot: the bytes may change, never the records).
		const records = () => {
			const {identity, steps} = readJournalFile(file)!;
			return {identity, steps};
		};

		const before = records();
		const deployment = sandboxDeployment(sb);
		const run = showRun(deployment, 'pre-upgrade');
		const result = await run.finished();
		expect(result.outcome).toBe('failed');
		expect(result.failures).toEqual([expect.objectContaining({step: 'journal', message: expect.stringContaining('was written for another deployment')})]);
		// The wizard then exits 2, as run --yes does (its refusal is an InputError).
		expect(result.notRun).toBe('input');
		const screen = run.everything();
		expect(screen).toContain('cyclades: the journal knows machine ffffffffffff…');
		expect(screen).toContain('status --reset');
		expect(run.events.filter(event => event.type === 'step-started' || event.type === 'command')).toEqual([]);
		expect(records()).toEqual(before);
		expect(before.identity).toEqual({cyclades: 'f'.repeat(32)});
		expect(locksLeft(hosts)).toEqual([]);
		expect(deployment.summary().notRun?.[0]).toContain('was written for another deployment');
	}, 180_000);

	it('a journal of these machines goes on: the section runs and the hosts\' identities are recorded for the next run', async () => {
		const sb = screens.sandbox('snf-wizard-journal-own-');
		const hosts = sandboxHostsOf(sb);
		const run = showRun(sandboxDeployment(sb), 'pre-upgrade');
		expect((await run.finished()).outcome).toBe('done');
		const identity = readJournalFile(journalFile(sb.paths.journals, hosts.map(host => host.label)))!.identity ?? {};
		expect(Object.keys(identity)).toEqual(expect.arrayContaining(['cyclades', 'ganeti1-master']));
	}, 180_000);
});
