import {setTimeout as delay} from 'node:timers/promises';
import type {Host} from '../domain/inventory-types.js';
import type {PromptResponder} from '../executors/executor.js';
import {printable} from '../domain/printable.js';
import {acquireLockScript, breakLockScript, lockDirectory, parseLockReport, releaseLockScript, type LockHolder, type LockReport, type RunningCommand} from './host-lock-script.js';
import {fanOut} from '../executors/fan-out.js';
import {mapWithLimit} from './fan-out.js';
import type {ExecutorSource} from './run-types.js';

export interface DeploymentLockOptions {
	/** Every host the run uses; the first by id is locked alone first, so two runs of the same hosts never hold halves. */
	readonly hosts: readonly Host[];
	readonly executors: ExecutorSource;
	readonly holder: LockHolder;
	/** Remove a lock whose holder is gone (--break-lock); never while a command of it still runs. */
	readonly breakLock: boolean;
	/** Whether a pid runs on this machine (a holder on another machine cannot be checked from here). */
	readonly runsHere: (pid: number) => boolean;
	readonly thisMachine: string;
	/** How long to wait for commands of an earlier run that are still running (default 15 s). */
	readonly waitMs?: number;
	/** A prompt broker for each lock command (types the sudo password when sudo asks for one). */
	readonly prompts?: () => PromptResponder;
	/** Hosts whose lock is taken or released at once after the first host's (--parallel; default 1). */
	readonly parallel?: number;
	/** Where the marks live on a host (default HOST_ROOT/var/lib/snf-upgrade). */
	readonly directory?: (host: Host) => string;
	/** How this program breaks a stale lock, for the hint (default: `run again with --break-lock`, as run --yes takes it). */
	readonly breakLockAdvice?: string;
}

export type LockResult =
	| {readonly ok: true; readonly release: () => Promise<string[]>}
	| {readonly ok: false; readonly problems: readonly string[]; readonly hint: string};

// One order on every admin machine: a collation fixed here, not the locale of the shell (Danish sorts "aa" after "z").
const byId = (a: Host, b: Host) => a.id.localeCompare(b.id, 'en');

/** What sudo -n says when it would have to ask for a password. */
const sudoAsks = /sudo: a (password|terminal) is required/;
const sudoPasswordHint = 'sudo asks for a password on that host: give it as sudoPassword (e.g. --set sudoPassword=env:SUDO_PW; typed at sudo\'s prompt, never on a command line), or let that user run sudo without one, then run again.';

const describeHolder = (holder: LockHolder) => `run by ${printable(holder.user)} on ${printable(holder.machine)}, pid ${holder.pid}, since ${printable(holder.since)} (state dir ${printable(holder.stateDir)})`;

const describeCommand = (host: Host, command: RunningCommand) => `${host.id}: pid ${command.pid} (step ${printable(command.step)}, since ${printable(command.since)}${command.run === '?' ? '' : `, run ${printable(command.run)}`}) still runs`;

/** Why a host's lock was not taken: the problem and what to do. */
interface Refusal {
	readonly problem: string;
	readonly hint: string;
}

/**
 * One run at a time on a deployment: a lock directory on every host the run uses (mkdir is atomic, on
 * the hosts themselves, so it holds across admin machines and state dirs), and no step while a command
 * of an earlier run may still run on a host (its running/PID file names a live process: the SSH
 * connection dropped, the commands went on). Taken after the preflight, before anything changes.
 *
 * A try-lock (a held lock refuses at once, nothing waits for it), so taking the hosts at once cannot
 * deadlock: the first host (by id) alone, where two runs of the same hosts started together meet and one
 * goes on, then the others at most `parallel` at once, none started after the first refusal; a refusal
 * releases every lock taken, once the hosts already started have answered.
 */
export async function lockDeployment(options: DeploymentLockOptions): Promise<LockResult> {
	const directory = options.directory ?? lockDirectory;
	const parallel = Math.max(1, options.parallel ?? 1);
	const hosts = [...options.hosts].sort(byId);
	const taken = new Set<Host>();
	const run = async (host: Host, script: string) => options.executors.get(host).run(script, {asRoot: true, mutates: true, timeoutMs: 60_000, stdin: '', ...(options.prompts === undefined ? {} : {prompts: options.prompts()})});
	const release = async (): Promise<string[]> => {
		const releasing = [...taken].sort(byId);
		taken.clear();
		const problems = await mapWithLimit(releasing, parallel, async host => {
			const result = await run(host, releaseLockScript(directory(host), options.holder.run)).catch((error: unknown) => ({outcome: (error as Error).message, exitCode: null}));
			return result.outcome === 'completed' && result.exitCode === 0 ? undefined : `${host.id}: the lock in ${directory(host)} could not be released (${result.outcome}); the next run will find it stale (--break-lock)`;
		});
		return problems.filter(problem => problem !== undefined);
	};

	const refuse = async ({problem, hint}: Refusal): Promise<LockResult> => {
		await release();
		return {ok: false, problems: [problem], hint};
	};

	const acquire = async (host: Host): Promise<LockReport | string> => {
		const result = await run(host, acquireLockScript(directory(host), options.holder)).catch((error: unknown) => (error as Error).message);
		if (typeof result === 'string') {
			return result;
		}

		const report = result.outcome === 'completed' && result.exitCode === 0 ? parseLockReport(result.stdout) : undefined;
		return report ?? `exit ${result.exitCode ?? result.outcome}${result.stderr ? `: ${printable(result.stderr.trim())}` : ''}`;
	};

	/** Takes one host's lock (breaking a stale one with --break-lock): the earlier run's commands still running there, or why not. */
	const take = async (host: Host): Promise<Refusal | Array<[Host, RunningCommand]>> => {
		let report = await acquire(host);
		if (typeof report !== 'string' && report.state === 'held' && options.breakLock) {
			const refusal = breakRefusal(host, report, options);
			if (refusal !== undefined) {
				return {problem: refusal, hint: 'Wait for that run or command to end (or stop it on its machine), then run again.'};
			}

			await run(host, breakLockScript(directory(host), report.holder?.run));
			report = await acquire(host);
		}

		if (typeof report === 'string') {
			return {problem: `${host.id}: could not take the deployment lock in ${directory(host)}: ${report}`, hint: sudoAsks.test(report) ? sudoPasswordHint : 'Make the directory writable for root on that host, then run again.'};
		}

		if (report.state === 'held') {
			return {problem: heldProblem(host, report, options, directory(host)), hint: heldHint(report, options)};
		}

		if (report.state === 'taken') {
			taken.add(host);
		}

		return report.running.map((command): [Host, RunningCommand] => [host, command]);
	};

	/** take() that never throws: a failure is that host's refusal. */
	const takeOrRefuse = async (host: Host) => take(host).catch((error: unknown): Refusal => ({problem: `${host.id}: could not take the deployment lock in ${directory(host)}: ${(error as Error).message}`, hint: 'Run again once the host answers.'}));
	const [first, ...others] = hosts;
	const firstOutcome = first === undefined ? [] : await takeOrRefuse(first);
	const stop = new AbortController();
	const othersTaken = 'problem' in firstOutcome ? [] : await fanOut(others, parallel, async host => {
		const outcome = await takeOrRefuse(host);
		if ('problem' in outcome) {
			stop.abort();
		}

		return outcome;
	}, stop.signal);
	// In id order; the hosts not started after a refusal have no outcome.
	const outcomes = [firstOutcome, ...othersTaken.flatMap(entry => (entry.result === undefined ? [] : [entry.result]))];
	const earlier: Array<[Host, RunningCommand]> = [];
	for (const outcome of outcomes) {
		if ('problem' in outcome) {
			// The first refused host by id: the same message however the hosts' answers interleaved.
			return refuse(outcome);
		}

		earlier.push(...outcome);
	}

	const deadline = Date.now() + (options.waitMs ?? 15_000);
	let still = earlier;
	while (still.length > 0 && Date.now() < deadline) {
		await delay(500);
		const reports = await mapWithLimit([...new Set(still.map(([host]) => host))], parallel, async host => ({host, report: await acquire(host)}));
		still = reports.flatMap(({host, report}) => (typeof report === 'string' ? still.filter(([other]) => other === host) : report.running.map((command): [Host, RunningCommand] => [host, command])));
	}

	if (still.length > 0) {
		await release();
		return {
			ok: false,
			problems: still.map(([host, command]) => `a command of an earlier run ${describeCommand(host, command)}`),
			hint: 'Nothing was run: a step must not start beside it. Wait for it to end (or stop it on the host, e.g. kill PID), then run again.',
		};
	}

	return {ok: true, release};
}

function holderGone(holder: LockHolder | undefined, options: DeploymentLockOptions): boolean | undefined {
	if (holder === undefined || holder.machine !== options.thisMachine || !Number.isInteger(holder.pid)) {
		return undefined;
	}

	return !options.runsHere(holder.pid);
}

function breakRefusal(host: Host, report: LockReport, options: DeploymentLockOptions): string | undefined {
	if (holderGone(report.holder, options) === false) {
		return `${host.id}: --break-lock refused: the holder (pid ${report.holder!.pid} on this machine) still runs`;
	}

	const command = report.running[0];
	return command === undefined ? undefined : `${host.id}: --break-lock refused: a command of the holder ${describeCommand(host, command)}`;
}

function heldProblem(host: Host, report: LockReport, options: DeploymentLockOptions, directory: string): string {
	const who = report.holder === undefined ? 'by a run whose info cannot be read (being taken right now, or left half written)' : describeHolder(report.holder);
	const gone = holderGone(report.holder, options);
	const state = gone === true && report.running.length === 0
		? `; that process is gone and none of its commands runs on ${host.id}: the lock is stale`
		: (gone === undefined ? '; it cannot be checked from this machine whether that run still goes on' : '');
	return `${host.id}: another run holds the deployment lock (${directory}/lock), ${who}${state}`;
}

function heldHint(report: LockReport, options: DeploymentLockOptions): string {
	const gone = holderGone(report.holder, options);
	if (gone === false) {
		return 'Nothing was run. Wait for that run to finish (one run at a time on a deployment), then run again.';
	}

	return `Nothing was run. If that run is over (its machine rebooted, it was killed), ${options.breakLockAdvice ?? 'run again with --break-lock'} to remove its lock; it is refused while a command of it still runs.${gone === undefined ? ' Check on that machine first.' : ''}`;
}
