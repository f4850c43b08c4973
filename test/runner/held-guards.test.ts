import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {Guard} from '../../source/domain/action-types.js';
import type {Host} from '../../source/domain/inventory-types.js';
import {command, harness, host, step} from './fixtures.js';

const directories: string[] = [];
afterEach(() => {
	for (const directory of directories.splice(0)) {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});

const newDirectory = () => {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-held-guards-'));
	directories.push(directory);
	return directory;
};

const [a, b, c] = [host('a'), host('b'), host('c')] as const;

/** Holds while marker `lost` is not set on the host (as the settings kept through the install: a read of the host's own files). */
const keptGuard = (on: Host, hostLocal = true): Guard => ({
	host: on,
	shell: {pipeline: [{argv: ['check', 'lost']}]},
	asRoot: true,
	description: `the settings are kept on ${on.id}`,
	holds: output => ({ok: output.stdout.trim() === 'no', detail: output.stdout.trim() === 'no' ? 'kept' : `keys lost on ${on.id}`}),
	fix: `restore them on ${on.id}`,
	...(hostLocal ? {hostLocal: true} : {}),
});

const guarded = (id: string, on: Host, guards: readonly Guard[]) => step(id, 'migrate', [command(on, ['mark', id])], {guards});

describe('host-local guardrails in one run', () => {
	it('are read once per host while nothing changes there: again only where a step changed the host', async () => {
		const test = harness(newDirectory());
		const guards = [keptGuard(a), keptGuard(b), keptGuard(c)];
		const result = await test.run([guarded('migrate-astakos', a, guards), guarded('migrate-cyclades', b, guards), guarded('migrate-pithos', c, guards)]);
		expect(result.outcome).toBe('done');
		// a: before the 1st step, again after its migration changed a; b: 1st, again after the 2nd changed it; c: once.
		expect(test.world.count(/^check lost$/, 'a')).toBe(2);
		expect(test.world.count(/^check lost$/, 'b')).toBe(2);
		expect(test.world.count(/^check lost$/, 'c')).toBe(1);
	});

	it('stop the step when a change on the host made one fail that held before', async () => {
		const test = harness(newDirectory(), [{match: /^lose-keys$/, run(io) {
			io.state.set(`${io.host.id}:lost`, 'yes');
		}}]);
		const guards = [keptGuard(a), keptGuard(b)];
		const install = step('install-packages', 'packages', [command(b, ['lose-keys'])], {guards});
		const result = await test.run([install, guarded('migrate-astakos', a, guards)]);
		expect(result.outcome).toBe('failed');
		expect(test.world.count(/^mark migrate-astakos$/)).toBe(0);
		expect(test.events.find(event => event.type === 'step-failed')).toMatchObject({host: 'a', message: 'guardrail: the settings are kept on b: keys lost on b'});
	});

	it('leave every guardrail not marked host-local to be read before every step', async () => {
		const test = harness(newDirectory());
		const guards = [keptGuard(b, false), keptGuard(c)];
		expect((await test.run([guarded('migrate-astakos', a, guards), guarded('migrate-cyclades', a, guards)])).outcome).toBe('done');
		expect(test.world.count(/^check lost$/, 'b')).toBe(2);
		expect(test.world.count(/^check lost$/, 'c')).toBe(1);
	});
});
