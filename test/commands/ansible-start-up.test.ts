import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureCliBuilt} from '../e2e/run-helpers.js';
import {isDeploymentCode, isInkOrReact, modulesLoadedBy} from '../helpers/loaded-modules.js';

let work: string;

beforeAll(() => {
	ensureCliBuilt();
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-ansible-start-up-'));
}, 120_000);

afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

/**
 * The exported playbook starts `snf-upgrade ansible-verdict` for every step and `ansible-edit` for every settings edit:
 * they render one step from the export's record and judge or compute it, so they load the plan's code and no
 * more (not conf, execa or the executors the runner wires, not Ink).
 */
describe('start-up of the commands the exported playbook runs', () => {
	it.each(['ansible-verdict', 'ansible-edit'])('snf-upgrade %s loads its own code, but neither conf, execa nor Ink', command => {
		const loaded = modulesLoadedBy([command, path.join(work, 'no-export'), 'install-packages', ...(command === 'ansible-edit' ? ['astakos', '0'] : [])], path.join(work, `${command}.log`));
		expect(loaded.some(url => new RegExp(`/dist/chunks/${command}-[^/]+\\.js$`).test(url))).toBe(true);
		expect(loaded.filter(url => isDeploymentCode(url))).toEqual([]);
		expect(loaded.filter(url => isInkOrReact(url))).toEqual([]);
	});
});
