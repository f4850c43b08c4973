import process from 'node:process';
import {describe, expect, it} from 'vitest';
import {executorFactory} from '../../source/commands/run-wiring.js';
import type {Host} from '../../source/domain/inventory-types.js';

const host: Host = {id: 'local', label: 'local', sudo: false, target: {kind: 'local', root: '', env: {}}};

describe('run wiring: the executors', () => {
	it('hands the secrets to local executors, so a secret read from the environment does not reach commands', async () => {
		const secret = 'wiring-c4nary-$(id)';
		process.env['SNF_TEST_WIRING_SECRET'] = secret;
		try {
			for (const dryRun of [false, true]) {
				const executor = (await executorFactory({acceptNewHostKeys: false, dryRun, needsSsh: false, secrets: [secret]}))(host);
				const result = await executor.run('env', {mutates: false});
				expect(result.exitCode).toBe(0);
				expect(result.stdout).toContain('PATH=');
				expect(result.stdout).not.toContain('wiring-c4nary');
			}
		} finally {
			delete process.env['SNF_TEST_WIRING_SECRET'];
		}
	});
});
