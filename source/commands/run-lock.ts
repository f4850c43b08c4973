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

/**
 * Takes the deployment lock on every host of the run for `run --yes` (exit 4 when refused: the
 * problems and what to do are said). Undefined when refused.
 */
export async function takeDeploymentLock(hosts: readonly Host[], executors: ExecutorSource, settings: {readonly stateDir: string; readonly breakLock: boolean; readonly parallel: number; readonly sudoPassword?: string; readonly say: (text: string) => void}): Promise<TakenLock | undefined> {
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
	});
	if (!result.ok) {
		settings.say(`snf-upgrade: refused: one run at a time on a deployment:\n${result.problems.map(problem => `  ${problem}`).join('\n')}`);
		settings.say(`  next: ${result.hint}`);
		return undefined;
	}

	return {run, release: result.release};
}
