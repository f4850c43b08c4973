import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {Guard} from '../../source/domain/action-types.js';
import type {Host} from '../../source/domain/inventory-types.js';
import type {RunEvent} from '../../source/runner/events.js';
import {command, harness, host, step} from './fixtures.js';

const directories: string[] = [];
afterEach(() => {
	for (const directory of directories.splice(0)) {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});

/** Holds when marker `down` is set on the host (the fake world's `check` prints yes/no). */
const downGuard = (on: Host): Guard => ({
	host: on,
	shell: {pipeline: [{argv: ['check', 'down']}]},
	asRoot: false,
	description: `gunicorn is stopped on ${on.id}`,
	holds: output => ({ok: output.stdout.trim() === 'yes', detail: output.stdout.trim() === 'yes' ? 'stopped' : `running on ${on.id}`}),
	fix: `stop it on ${on.id}`,
});

describe('guardrails before a step', () => {
	it('reports every host whose guardrail fails, not only the first, and runs nothing', async () => {
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-guards-'));
		directories.push(directory);
		const [a, b, c] = [host('a'), host('b'), host('c')];
		const test = harness(directory);
		test.world.state.set('b:down', 'yes');
		const migrate = step('migrate-astakos', 'migrate', [command(a, ['mark', 'migrated'])], {guards: [downGuard(a), downGuard(b), downGuard(c)]});
		const result = await test.run([migrate]);
		expect(result.outcome).toBe('failed');
		expect(test.world.count(/^mark migrated$/)).toBe(0);
		const failed = test.events.filter((event): event is Extract<RunEvent, {type: 'step-failed'}> => event.type === 'step-failed');
		expect(failed).toHaveLength(1);
		expect(failed[0]!.message).toBe('guardrail: gunicorn is stopped on a: running on a; guardrail: gunicorn is stopped on c: running on c');
		expect(failed[0]!.hint).toBe('stop it on a; stop it on c');
		// Every guardrail was asserted (b's holds, and c's was read after a's failed).
		expect(test.world.count(/^check down$/)).toBe(3);
	});
});
