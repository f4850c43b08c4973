import fs from 'node:fs';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {parseInventory} from '../../source/domain/inventory/parse-inventory.js';
import {createLocalExecutor} from '../../source/executors/local-executor.js';
import {readHostDefaults, readHostValues} from '../../source/readers/host-defaults.js';
import {createExecutorPool, type ExecutorPool} from '../../source/runner/executor-pool.js';
import {ensureBuilt, newSandbox, removeSandboxes, type Sandbox} from '../sandbox/helpers.js';

let pools: ExecutorPool[] = [];
beforeAll(() => ensureBuilt());
afterEach(async () => {
	await Promise.all(pools.map(async pool => pool.dispose()));
	pools = [];
});
afterAll(() => removeSandboxes());

function setup(sandbox: Sandbox) {
	const inventory = parseInventory(sandbox.document.inventory, 'answers.json');
	const executors = createExecutorPool(host => createLocalExecutor(host));
	pools.push(executors);
	return {inventory, executors};
}

describe('readHostDefaults on a fresh sandbox', () => {
	it('gives every answer the 0.14.10 deployment can tell its value and where it was read', async () => {
		const sandbox = newSandbox();
		const defaults = await readHostDefaults(setup(sandbox));
		const cycladesApi = sandbox.file('cyclades', 'etc/synnefo/20-snf-cyclades-app-api.conf');
		expect(defaults.get('astakosBaseUrl')).toEqual({value: 'https://accounts.synnefo.test/astakos/', source: `ASTAKOS_BASE_URL in force on cyclades, set in ${cycladesApi}; the same on pithos`});
		expect(defaults.get('pithosBaseUrl')?.value).toBe('https://storage.synnefo.test/pithos/');
		expect(defaults.get('shibbolethEnabled')).toEqual({value: true, source: `ASTAKOS_IM_MODULES in force on astakos, set in ${sandbox.file('astakos', 'etc/synnefo/20-snf-astakos-app-settings.conf')}`});
		expect(defaults.get('astakosUiUrl')).toEqual({value: 'https://accounts.synnefo.test/astakos/ui', source: 'ui_url of astakos in snf-manage component-list on astakos'});
		expect(defaults.get('cycladesUiUrl')?.value).toBe('https://compute.synnefo.test/cyclades/ui');
		expect(defaults.get('pithosUiUrl')?.value).toBe('https://storage.synnefo.test/pithos/ui');
		expect(defaults.get('floatingIpPoolNetworks')?.value).toEqual(['1', '2']);
		expect(defaults.get('shibbolethRemoteUser')?.source).toContain('REMOTE_USER in /etc/shibboleth/shibboleth2.xml on astakos');
		// The stats host has STATS_BASE_URL only commented out; 0.14.10 has no cyclades.floating_ip resource yet.
		expect(defaults.has('statsBaseUrl')).toBe(false);
		expect(defaults.has('quotaFloatingIp')).toBe(false);
	});

	it('finds an ASTAKOS_BASE_URL set again in a later file, and no default when Cyclades and Pithos disagree', async () => {
		const sandbox = newSandbox();
		const local = sandbox.file('cyclades', 'etc/synnefo/99-local.conf');
		fs.writeFileSync(local, "ASTAKOS_BASE_URL = 'https://elsewhere.test/'\n");
		const {values} = await readHostValues(setup(sandbox));
		const base = values.observations.filter(observation => observation.key === 'astakosBaseUrl');
		expect(base).toEqual([
			{key: 'astakosBaseUrl', host: 'cyclades', value: 'https://elsewhere.test/', source: `ASTAKOS_BASE_URL in force on cyclades, set in ${local}`},
			expect.objectContaining({host: 'pithos', value: 'https://accounts.synnefo.test/astakos/'}),
		]);
		const defaults = await readHostDefaults(setup(sandbox));
		expect(defaults.has('astakosBaseUrl')).toBe(false);
	});

	it('reports a settings file that does not run instead of a default', async () => {
		const sandbox = newSandbox();
		fs.appendFileSync(sandbox.file('pithos', 'etc/synnefo/20-snf-pithos-app-settings.conf'), 'PITHOS_X = (\n');
		const {values} = await readHostValues(setup(sandbox));
		expect(values.problems).toContainEqual({key: 'pithosBaseUrl', host: 'pithos', problem: expect.stringMatching(/^the settings of pithos do not run: SyntaxError: .* in .*20-snf-pithos-app-settings\.conf line \d+$/)});
		expect(values.observations.some(observation => observation.key === 'pithosBaseUrl')).toBe(false);
	});
});
