import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Host} from '../../source/domain/inventory-types.js';
import type {Executor} from '../../source/executors/executor.js';
import {createLocalExecutor} from '../../source/executors/local-executor.js';
import {lockDeployment, type DeploymentLockOptions} from '../../source/runner/deployment-lock.js';
import {lockDirectory, type LockHolder} from '../../source/runner/host-lock-script.js';
import type {ExecutorSource} from '../../source/runner/run-types.js';

let work: string;
let hosts: Host[];
const executors = new Map<string, Executor>();

beforeEach(() => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-lock-fleet-'));
	// Ids out of order on purpose: the lock goes by id (gnt10 sorts before gnt2 by plain comparison, as the lock does).
	hosts = Array.from({length: 24}, (_, index) => `gnt${((index * 7) % 24) + 1}`).map(id => {
		fs.mkdirSync(path.join(work, id));
		return {id, label: `local (${id})`, sudo: false, target: {kind: 'local', root: path.join(work, id), env: {}}};
	});
});

afterEach(async () => {
	await Promise.all([...executors.values()].map(async executor => executor.dispose()));
	executors.clear();
	fs.rmSync(work, {recursive: true, force: true});
});

/** The real local executors, each command's start and end written down in order (for which ran beside which). */
function recordingExecutors(): {source: ExecutorSource; log: string[]; mostAtOnce: () => number} {
	const log: string[] = [];
	let running = 0;
	let most = 0;
	const source: ExecutorSource = {
		get(host) {
			let executor = executors.get(host.id);
			if (executor === undefined) {
				executor = createLocalExecutor(host);
				executors.set(host.id, executor);
			}

			const real = executor;
			return {
				host,
				async run(line, options) {
					log.push(`start ${host.id}`);
					most = Math.max(most, ++running);
					try {
						return await real.run(line, options);
					} finally {
						running--;
						log.push(`end ${host.id}`);
					}
				},
				dispose: async () => real.dispose(),
			};
		},
	};
	return {source, log, mostAtOnce: () => most};
}

const holder = (run: string): LockHolder => ({run, user: 'admin', machine: 'this-machine', pid: process.pid, since: '2026-12-01T09:00:00Z', stateDir: `/home/admin/${run}`});
const options = (source: ExecutorSource, run: string, fields: Partial<DeploymentLockOptions> = {}): DeploymentLockOptions => ({
	hosts, executors: source, holder: holder(run), breakLock: false, runsHere: () => true, thisMachine: 'this-machine', waitMs: 1000, parallel: 4, ...fields,
});
const locked = () => hosts.filter(host => fs.existsSync(path.join(lockDirectory(host), 'lock'))).map(host => host.id).sort();
const lockHolderOf = (host: Host) => /^run=(.*)$/m.exec(fs.readFileSync(path.join(lockDirectory(host), 'lock', 'info'), 'utf8'))?.[1];
const firstById = () => [...hosts].sort((a, b) => a.id.localeCompare(b.id, 'en'))[0]!;

describe('the deployment lock over many hosts (real local executors, real lock directories)', () => {
	it('takes the first host by id alone, then the others at most --parallel at once; releases them all the same way', async () => {
		const {source, log, mostAtOnce} = recordingExecutors();
		const lock = await lockDeployment(options(source, 'run-a'));
		expect(lock.ok).toBe(true);
		expect(log.slice(0, 2)).toEqual([`start ${firstById().id}`, `end ${firstById().id}`]);
		expect(mostAtOnce()).toBe(4);
		expect(locked()).toHaveLength(hosts.length);
		expect(new Set(hosts.map(host => lockHolderOf(host)))).toEqual(new Set(['run-a']));
		const taking = log.length;
		if (lock.ok) {
			expect(await lock.release()).toEqual([]);
		}

		// The release too: a second host's release starts before the first one's ends, never more than 4 at once.
		expect(log.slice(taking, taking + 2).every(entry => entry.startsWith('start '))).toBe(true);
		expect(mostAtOnce()).toBe(4);
		expect(locked()).toEqual([]);
	});

	it('a host held by another run refuses the whole lock, naming that host; every lock this run took is released, the other run\'s kept', async () => {
		const {source} = recordingExecutors();
		const held = hosts.find(host => host.id === 'gnt17')!;
		const other = await lockDeployment(options(source, 'run-other', {hosts: [held]}));
		expect(other.ok).toBe(true);
		const refused = await lockDeployment(options(source, 'run-b'));
		expect(refused.ok).toBe(false);
		if (!refused.ok) {
			expect(refused.problems).toHaveLength(1);
			expect(refused.problems[0]).toMatch(/^gnt17: another run holds the deployment lock .*, run by admin on this-machine, pid \d+/);
			expect(refused.hint).toContain('Wait for that run to finish');
		}

		expect(locked()).toEqual(['gnt17']);
		expect(lockHolderOf(held)).toBe('run-other');
	});

	it('two runs of the same hosts started at once: exactly one takes the lock, the other is refused and holds nothing', async () => {
		const {source} = recordingExecutors();
		const [a, b] = await Promise.all([lockDeployment(options(source, 'run-a')), lockDeployment(options(source, 'run-b'))]);
		expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
		const winner = a.ok ? 'run-a' : 'run-b';
		expect(locked()).toHaveLength(hosts.length);
		expect(new Set(hosts.map(host => lockHolderOf(host)))).toEqual(new Set([winner]));
		const loser = a.ok ? b : a;
		expect(loser.ok ? [] : loser.problems[0]).toMatch(new RegExp(`^${firstById().id}: another run holds the deployment lock`));
		for (const result of [a, b]) {
			if (result.ok) {
				expect(await result.release()).toEqual([]);
			}
		}

		expect(locked()).toEqual([]);
	});

	it('--break-lock over many hosts: refused while the holder runs, naming the first held host (nothing of ours left), then the stale locks are broken and all taken', async () => {
		const {source} = recordingExecutors();
		const stale = hosts.filter(host => ['gnt3', 'gnt11', 'gnt20'].includes(host.id));
		expect((await lockDeployment(options(source, 'run-gone', {hosts: stale}))).ok).toBe(true);
		const refused = await lockDeployment(options(source, 'run-b', {breakLock: true}));
		expect(refused.ok ? [] : refused.problems).toEqual([expect.stringMatching(/^gnt11: --break-lock refused: the holder \(pid \d+ on this machine\) still runs$/)]);
		expect(locked()).toEqual(['gnt11', 'gnt20', 'gnt3']);
		const broken = await lockDeployment(options(source, 'run-b', {breakLock: true, runsHere: () => false}));
		expect(broken.ok).toBe(true);
		expect(new Set(hosts.map(host => lockHolderOf(host)))).toEqual(new Set(['run-b']));
		if (broken.ok) {
			expect(await broken.release()).toEqual([]);
		}

		expect(locked()).toEqual([]);
	});
});
