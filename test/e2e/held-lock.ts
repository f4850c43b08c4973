import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import {expect} from 'vitest';
import type {Host} from '../../source/domain/inventory-types.js';
import {parseInventory} from '../../source/domain/inventory/parse-inventory.js';
import {createLocalExecutor} from '../../source/executors/local-executor.js';
import {lockDeployment} from '../../source/runner/deployment-lock.js';
import {createExecutorPool} from '../../source/runner/executor-pool.js';
import {inventoryHosts} from '../../source/runner/inventory-hosts.js';

/** The hosts of an answers file's inventory (a sandbox's). */
export function answersFileHosts(answersFile: string): Host[] {
	const document = JSON.parse(fs.readFileSync(answersFile, 'utf8')) as {inventory: unknown};
	return inventoryHosts(parseInventory(document.inventory, answersFile));
}

/** A pid that ran on this machine and is gone (a killed run's). */
export const deadPid = () => Number(execFileSync('sh', ['-c', 'sh -c "echo \\$\\$"'], {encoding: 'utf8'}));

/** Another run's lock on these hosts, taken with the real lock scripts over local executors (as `run --yes` takes it). */
export async function holdLock(hosts: readonly Host[], run: string, pid: number, stateDir: string) {
	const pool = createExecutorPool(createLocalExecutor);
	const lock = await lockDeployment({
		hosts, executors: pool, breakLock: false, runsHere: candidate => fs.existsSync(`/proc/${candidate}`), thisMachine: os.hostname(),
		holder: {run, user: os.userInfo().username, machine: os.hostname(), pid, since: new Date().toISOString(), stateDir},
	});
	expect(lock.ok).toBe(true);
	return {
		async release() {
			if (lock.ok) {
				expect(await lock.release()).toEqual([]);
			}

			await pool.dispose();
		},
	};
}
