import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {combinedInventory, commandsOf, exampleStep, lines, output} from './plan-fixture.js';

const migrateList = readFileSync(fileURLToPath(new URL('../../fixtures/parsers/migrate-list.txt', import.meta.url)), 'utf8');
const staleQuestion = `The following content types are stale and need to be deleted:

    im | foo

Any objects related to these content types by a foreign key will also
be deleted. Are you sure you want to delete these content types?
If you're unsure, answer 'no'.

    Type 'yes' to continue, or 'no' to cancel: `;

describe('2.2 migrations', () => {
	it('runs syncdb then migrate on Astakos, then on Cyclades, answering no to stale content types', () => {
		const astakos = exampleStep('migrate-astakos');
		const cyclades = exampleStep('migrate-cyclades');
		expect([...lines(astakos), ...lines(cyclades)]).toEqual([
			'astakos: snf-manage syncdb',
			'astakos: snf-manage migrate',
			'cyclades: snf-manage syncdb',
			'cyclades: snf-manage migrate',
		]);
		for (const action of [...commandsOf(astakos), ...commandsOf(cyclades)]) {
			expect(action).toMatchObject({mutates: true, asRoot: true, pty: false});
			expect(action.prompts).toHaveLength(1);
			expect(action.prompts[0]!.answer).toBe('no');
			expect(new RegExp(action.prompts[0]!.match).test(staleQuestion)).toBe(true);
		}
	});

	it('is done when migrate --list shows nothing pending', () => {
		const [probe] = exampleStep('migrate-astakos').probes;
		expect(renderShell(probe!.shell, 'mask')).toBe('snf-manage migrate --list');
		expect(probe!.isDone(output(migrateList))).toMatchObject({ok: false, detail: expect.stringMatching(/^5 pending/) as unknown});
		const heads = 'im\n  (*) 0062_accept_with_usage\noa2\n  (*) 0004_x\nquotaholder_app\n  (*) 0011_delete_unused_holdings\n';
		expect(probe!.isDone(output(heads)).ok).toBe(true);
		expect(probe!.isDone(output(heads.replace('(*) 0004', '( ) 0004'))).ok).toBe(false);
		expect(probe!.isDone(output('')).cannotTell).toBe(true);
		expect(probe!.isDone(output('', 'Failed to read settings file', 1)).ok).toBe(false);
	});

	it('migrates a combined Astakos/Cyclades host once', () => {
		const step = exampleStep('migrate-cyclades', {inventory: combinedInventory()});
		expect(step.skipped).toMatch(/migrate-astakos already migrated it/);
		expect(step.actions).toEqual([]);
	});

	it('upgrades the Pithos backend to head and checks the current revision', () => {
		const step = exampleStep('migrate-pithos');
		expect(lines(step)).toEqual(['pithos: pithos-migrate upgrade head']);
		const [probe] = step.probes;
		expect(renderShell(probe!.shell, 'mask')).toBe('pithos-migrate current');
		expect(probe!.isDone(output('Current revision for postgresql://synnefo:***@db/snf_pithos: 54dbdde2d187 -> 301fba21d9b8 (head), add field\n')).ok).toBe(true);
		expect(probe!.isDone(output('Current revision for postgresql://synnefo:***@db/snf_pithos: 2a309a9a3438 -> 3b62b3f1bf6c (head), x\n')).ok).toBe(false);
	});
});
