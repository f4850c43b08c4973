import {describe, expect, it} from 'vitest';
import type {Host} from '../../source/domain/inventory-types.js';
import {createLocalExecutor} from '../../source/executors/local-executor.js';
import {readCommand} from '../../source/readers/read-command.js';
import {valueCutDetail, wholeOutputChars} from '../../source/runner/kept-output.js';

const host: Host = {id: 'local', label: 'local', sudo: false, target: {kind: 'local', root: '', env: {}}};

describe('readCommand', () => {
	it('reads no value from output longer than it holds whole: the reading fails, nothing past the cap is kept', async () => {
		const executor = createLocalExecutor(host);
		const lengthOf = (printed: number) => readCommand({executor}, 'the list', {pipeline: [{script: `head -c ${printed} /dev/zero | tr '\\0' x`}]}, stdout => stdout.length);
		expect(await lengthOf(1000)).toEqual({ok: true, value: 1000, source: 'the list on local'});
		expect(await lengthOf(wholeOutputChars + 1_000_000)).toEqual({ok: false, problem: valueCutDetail, source: 'the list on local'});
		await executor.dispose();
	});
});
