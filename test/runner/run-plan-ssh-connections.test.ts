import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {editOperations} from '../../source/commands/run-wiring.js';
import type {Host} from '../../source/domain/inventory-types.js';
import {createRedactor} from '../../source/domain/redact.js';
import type {RunEvent} from '../../source/runner/events.js';
import {createExecutorPool} from '../../source/runner/executor-pool.js';
import {preflight} from '../../source/runner/preflight.js';
import {runPlan} from '../../source/runner/run-plan.js';
import {openJournal} from '../../source/state/journal.js';
import {nullTranscript} from '../../source/state/transcript.js';
import {sshdExecutor, sshHost, startSshd} from '../helpers/sshd.js';
import type {Sshd} from '../helpers/sshd.js';
import {command, step} from './fixtures.js';

let directory: string;
let sshd: Sshd;

beforeEach(async () => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-run-ssh-connections-'));
	sshd = await startSshd();
});

afterEach(async () => {
	await sshd.stop();
	fs.rmSync(directory, {recursive: true, force: true});
});

/** Logins sshd accepted so far: one per SSH connection (handshake and authentication). */
const logins = () => fs.readFileSync(path.join(sshd.dir, 'sshd.log'), 'utf8').split('\n').filter(line => line.includes('Accepted publickey for')).length;

/**
 * What `run --yes` does with one SSH host: the preflight over the executor pool, then two steps over the
 * same pool, each step in a section of its own. `between` runs (and is awaited) when the second step's
 * section is confirmed: after the first step, before the second one's command.
 */
async function preflightAndTwoSteps(between: () => void | Promise<void>) {
	const target: Host = sshHost(sshd, {id: 'node1'});
	const pool = createExecutorPool(host => sshdExecutor(sshd, {host}));
	const events: RunEvent[] = [];
	try {
		expect(await preflight([target], pool, {parallel: 4})).toEqual([]);
		const result = await runPlan({
			steps: [
				step('first', 'services-down', [command(target, ['sh', '-c', 'echo first: "$SSH_CLIENT"'])]),
				step('second', 'packages', [command(target, ['sh', '-c', 'echo second: "$SSH_CLIENT"'])]),
			],
			executors: pool,
			journal: openJournal(directory, [target.label]),
			transcript: nullTranscript(),
			redact: createRedactor([]),
			async confirm(request) {
				if (request.kind === 'section' && request.section.id === 'packages') {
					await between();
				}

				return true;
			},
			question: async () => undefined,
			onEvent: event => events.push(event),
			edits: editOperations(text => text, undefined),
			answersHash: 'answers',
		});
		const output = (id: string) => events.flatMap(event => (event.type === 'output' && event.step.id === id ? [event.text] : []));
		const failed = events.flatMap(event => (event.type === 'step-failed' ? [`${event.step.id}: ${event.message}`] : []));
		return {result, failed, first: output('first'), second: output('second')};
	} finally {
		await pool.dispose();
	}
}

/** The client's source port in `$SSH_CLIENT` (address, port, server port): one port is one connection. */
const clientPort = (lines: readonly string[]) => /: \S+ (\d+) \d+$/.exec(lines[0] ?? '')?.[1];

describe('runPlan over SSH: connections of a run', () => {
	it('reuses the connection the preflight opened for every later step (one login for preflight and two steps)', async () => {
		const {result, first, second} = await preflightAndTwoSteps(() => {});
		expect(result.outcome).toBe('done');
		expect(clientPort(first)).toBeDefined();
		expect(clientPort(second)).toBe(clientPort(first));
		expect(logins()).toBe(1);
	});

	it('opens a new connection when the host dropped it between two steps, and the second step runs', async () => {
		const {result, first, second} = await preflightAndTwoSteps(() => {
			sshd.dropConnections();
		});
		expect(result.outcome).toBe('done');
		expect(clientPort(second)).toBeDefined();
		expect(clientPort(second)).not.toBe(clientPort(first));
		expect(logins()).toBe(2);
	});

	it('reports the host as failed, without hanging, when it cannot be reached again after a drop', async () => {
		const {result, failed, second} = await preflightAndTwoSteps(async () => {
			await sshd.stop();
			sshd = await startSshd();
		});
		expect(result.outcome).toBe('failed');
		expect(second).toEqual([]);
		expect(failed).toHaveLength(1);
		expect(failed[0]).toMatch(/^second: .*(refused|Host denied|host key|known_hosts)/i);
	});
});
