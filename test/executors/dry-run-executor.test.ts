import {describe, expect, it} from 'vitest';
import type {Host} from '../../source/domain/inventory-types.js';
import {createDryRunExecutor} from '../../source/executors/dry-run-executor.js';
import {createLocalExecutor} from '../../source/executors/local-executor.js';

const host: Host = {id: 'local', label: 'local', sudo: false, target: {kind: 'local', root: '', env: {}}};

describe('dry-run executor', () => {
	it('runs read-only commands and skips (reports) the others', async () => {
		const skipped: string[] = [];
		const executor = createDryRunExecutor(createLocalExecutor(host), line => skipped.push(line));
		expect(executor.host).toBe(host);
		const read = await executor.run('echo reading; exit 3', {mutates: false});
		expect(read).toMatchObject({exitCode: 3, stdout: 'reading\n'});
		const change = await executor.run('echo changing; exit 5', {mutates: true});
		expect(change).toEqual({exitCode: 0, signal: null, stdout: '', stderr: '', outcome: 'completed'});
		const unsaid = await executor.run('echo unsaid');
		expect(unsaid.stdout).toBe('');
		expect(skipped).toEqual(['echo changing; exit 5', 'echo unsaid']);
	});
});
