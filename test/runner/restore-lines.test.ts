import {describe, expect, it} from 'vitest';
import {restoreLines} from '../../source/runner/restore-lines.js';

describe('restoreLines', () => {
	it('says nothing when no backup was made', () => {
		expect(restoreLines([])).toEqual([]);
	});

	it('lists the backups host by host (a fan-out reports them interleaved), each with its restore command', () => {
		const backup = (host: string, file: string) => ({host, file, restore: `cp -p -- ${file}.bak ${file}`});
		expect(restoreLines([backup('a', '/x'), backup('b', '/y'), backup('a', '/z')], 'this session')).toEqual([
			'Backups this session made, and how to restore each (on its host, with the services stopped):',
			'  a: /x',
			'      cp -p -- /x.bak /x',
			'  a: /z',
			'      cp -p -- /z.bak /z',
			'  b: /y',
			'      cp -p -- /y.bak /y',
		]);
	});
});
