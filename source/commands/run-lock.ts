import crypto from 'node:crypto';
import os from 'node:os';
import process from 'node:process';
import type {Host} from '../domain/inventory-types.js';
import {createPromptBroker} from '../executors/prompt-broker.js';
import {lockDeployment} from '../runner/deployment-lock.js';
import type {ExecutorSource} from '../runner/run-types.js';

/** Whether a process runs on this machine (EPERM: it does, as another user). */
function runsHere(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export interface TakenLock {
	/** This run's id, also in every running/PID file of its commands. */
	readonly run: string;
	readonly release: () => Promise<string[]>;
}

export interface LockSettings {
	readonly stateDir: string;
	readonly breakLock: boolean;
	readonly parallel: number;
	readonly sudoPassword?: string;
	/** How to break a stale lock from this program, for the hint (default: run again with --break-lock). */
	readonly breakLockAdvice?: string;
}

export type LockOutcome = ({readonly ok: true} & TakenLock) | {readonly ok: false; readonly problems: readonly string[]; readonly hint: string};

/**
 * The deployment lock on every host of a run, held by this process (a new run id), for `run --yes` and each
 * section the wizard runs: taken, or refused with the problems and what to do.
 */
export async function lockForRun(hosts: readonly Host[], executors: ExecutorSource, settings: LockSettings): Promise<LockOutcome> {
	const run = crypto.randomUUID();
	const machine = os.hostname();
	const result = await lockDeployment({
		hosts,
		executors,
		holder: {run, user: os.userInfo().username, machine, pid: process.pid, since: new Date().toISOString(), stateDir: settings.stateDir},
		breakLock: settings.breakLock,
		parallel: settings.parallel,
		runsHere,
		thisMachine: machine,
		prompts: () => createPromptBroker({rules: [], ...(settings.sudoPassword === undefined ? {} : {sudoPassword: settings.sudoPassword})}),
		...(settings.breakLockAdvice === undefined ? {} : {breakLockAdvice: settings.breakLockAdvice}),
	});
	return result.ok ? {ok: true, run, release: result.release} : result;
}

/** The first line of a refusal, the same for run --yes and the wizard. */
export const refusedLine = 'refused: one run at a time on a deployment:';

/**
 * Takes the deployment lock on every host of the run for `run --yes` (exit 4 when refused: the
 * problems and what to do are said). Undefined when refused.
 */
export async function takeDeploymentLock(hosts: readonly Host[], executors: ExecutorSource, settings: LockSettings & {readonly say: (text: string) => void}): Promise<TakenLock | undefined> {
	const lock = await lockForRun(hosts, executors, settings);
	if (!lock.ok) {
		settings.say(`snf-upgrade: ${refusedLine}\n${lock.problems.map(problem => `  ${problem}`).join('\n')}`);
		settings.say(`  next: ${lock.hint}`);
		return undefined;
	}

	return lock;
}
