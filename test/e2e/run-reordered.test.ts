import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {editOperations, executorFactory} from '../../source/commands/run-wiring.js';
import {stepRenderer} from '../../source/domain/plan/step-renderer.js';
import {buildPlan} from '../../source/domain/plan/build-plan.js';
import {stepCatalogue} from '../../source/domain/steps/index.js';
import {createExecutorPool} from '../../source/runner/executor-pool.js';
import type {RunEvent} from '../../source/runner/events.js';
import {inventoryHosts} from '../../source/runner/inventory-hosts.js';
import {runPlan} from '../../source/runner/run-plan.js';
import {createSandbox} from '../../source/sandbox/create-sandbox.js';
import {loadAnswersSession} from '../../source/state/answers-session.js';
import {openJournal} from '../../source/state/journal.js';
import {nullTranscript} from '../../source/state/transcript.js';
import {createRedactor} from '../../source/domain/redact.js';
import {ensureCliBuilt} from './run-helpers.js';

let parent: string;

beforeAll(() => {
	ensureCliBuilt();
	parent = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-e2e-order-'));
}, 360_000);

afterAll(() => {
	fs.rmSync(parent, {recursive: true, force: true});
});

describe('a plan in the wrong order fails on the sandbox', () => {
	it('reconcile-resources before start-astakos fails (Astakos is down) and nothing after it runs', async () => {
		const {answersFile} = createSandbox(path.join(parent, 'sb'));
		const session = loadAnswersSession({stateDirectory: path.join(parent, 'state'), answersFile, env: process.env});
		const inventory = session.inventory!;
		const reconcile = stepCatalogue.find(step => step.id === 'reconcile-resources')!;
		const startAstakos = stepCatalogue.findIndex(step => step.id === 'start-astakos');
		const reordered = stepCatalogue.filter(step => step !== reconcile);
		reordered.splice(startAstakos, 0, reconcile);
		expect(reordered.map(step => step.id).slice(startAstakos, startAstakos + 2)).toEqual(['reconcile-resources', 'start-astakos']);

		const plan = buildPlan({answers: session.resolved, inventory, catalogue: reordered});
		const redact = createRedactor(Object.values(session.secrets));
		const pool = createExecutorPool(await executorFactory({acceptNewHostKeys: false, dryRun: false, needsSsh: false}));
		const journal = openJournal(path.join(parent, 'state', 'journals'), inventoryHosts(inventory).map(host => host.label), {redact});
		const events: RunEvent[] = [];
		try {
			const result = await runPlan({
				steps: plan.steps,
				rerender: stepRenderer({answers: session.resolved, inventory}),
				executors: pool,
				journal,
				transcript: nullTranscript(),
				redact,
				confirm: async () => true,
				question: async () => undefined,
				onEvent: event => events.push(event),
				edits: editOperations(redact, undefined),
				answersHash: session.answersHash,
			});
			expect(result.outcome).toBe('failed');
			expect(result.failures.map(failure => failure.step)).toEqual(['reconcile-resources']);
		} finally {
			await pool.dispose();
		}

		const failed = events.find(event => event.type === 'step-failed');
		expect(failed).toMatchObject({step: {id: 'reconcile-resources'}, host: 'cyclades'});
		const steps = journal.data().steps;
		expect(steps['resource-visibility']).toBeDefined();
		expect(steps['start-astakos']).toBeUndefined();
		expect(steps['start-gunicorn']).toBeUndefined();
	}, 360_000);
});
