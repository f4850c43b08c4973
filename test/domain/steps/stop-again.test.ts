import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {garbageOutputs, status} from '../../helpers/verdict-status.js';
import {combinedInventory, exampleStep, output} from './plan-fixture.js';

/** South's `migrate --list` (facts §3.13) at the 0.15 heads, and at 0.14.10's. */
const astakosAt15 = 'im\n  (*) 0061_x\n  (*) 0062_accept_with_usage\noa2\n  (*) 0004_x\nquotaholder_app\n  (*) 0011_delete_unused_holdings\n';
const astakosAt14 = 'im\n  (*) 0042_service_origin\nquotaholder_app\n  (*) 0007_x\n';
const cycladesAt15 = 'db\n  (*) 0098_auto__add_field_flavor_allow_create\nuserdata\n  (*) 0003_x\n';
/** alembic 0.3's `current` (facts §3.13), the password masked. */
const pithosAt = (revision: string) => `Current revision for postgresql://synnefo:***@db/snf_pithos: 54dbdde2d187 -> ${revision} (head), x\n`;
const exit = (text: string, code = 0) => `${text}snf-upgrade-exit ${code}\n`;
const statuses = (lines: string) => output(`${lines}snf-common 0.15-1~wheezy\n`);

const facts = (astakos: string, cyclades: string, pithos: string) => ({'migrations-astakos': astakos, 'migrations-cyclades': cyclades, 'migrations-pithos': pithos});

describe('2.1 stop-services-again: stopped, or the migrations past', () => {
	it('reads the migrations on Astakos, Cyclades and Pithos as facts whose exit code survives', () => {
		const step = exampleStep('stop-services-again');
		expect(step.facts.map(fact => [fact.key, fact.host.id, renderShell(fact.shell, 'mask')])).toEqual([
			['migrations-astakos', 'astakos', 'snf-manage migrate --list 2>/dev/null; echo snf-upgrade-exit $?'],
			['migrations-cyclades', 'cyclades', 'snf-manage migrate --list 2>/dev/null; echo snf-upgrade-exit $?'],
			['migrations-pithos', 'pithos', 'pithos-migrate current 2>&1; echo snf-upgrade-exit $?'],
		]);
		// A failed read still exits 0 (a failed fact would stop the run) and says how it ended.
		const ran = spawnSync('/bin/sh', ['-c', renderShell(step.facts[0]!.shell, 'reveal')], {encoding: 'utf8', env: {PATH: '/nonexistent'}});
		expect([ran.status, ran.stdout]).toEqual([0, 'snf-upgrade-exit 127\n']);
		expect(step.rerunSafe).toBe(false);
		expect(exampleStep('stop-services-again', {inventory: combinedInventory()}).facts.map(fact => fact.key)).toEqual(['migrations-astakos', 'migrations-pithos']);
	});

	it('done when stopped; running is done only when every database is at its head, to do before, cannot tell when unread', () => {
		const probeWith = (read: Record<string, string> | undefined) => exampleStep('stop-services-again', read === undefined ? {} : {facts: read}).probes;
		const past = probeWith(facts(exit(astakosAt15), exit(cycladesAt15), exit(pithosAt('301fba21d9b8'))));
		expect(past.map(probe => probe.host.id)).toEqual(['astakos', 'cyclades', 'pithos', 'gnt1.example.synnefo.org', 'gnt3.example.synnefo.org']);
		const cyclades = past[1]!;
		expect(renderShell(cyclades.shell, 'mask')).toMatch(/^service gunicorn status .*service snf-dispatcher status .*dpkg-query/);
		expect(cyclades.isDone(statuses('snf-upgrade-service-status gunicorn 3\nsnf-upgrade-service-status snf-dispatcher 3\n'))).toEqual({ok: true, detail: 'gunicorn, snf-dispatcher not running'});
		const running = statuses('snf-upgrade-service-status gunicorn 0\nsnf-upgrade-service-status snf-dispatcher 3\n');
		expect(cyclades.isDone(running)).toEqual({ok: true, detail: 'gunicorn running again, but every database is at its v0.15 head: the upgrade is past this stop'});
		// Right after the install: the 0.14 heads on Astakos.
		const [, before] = probeWith(facts(exit(astakosAt14), exit(cycladesAt15), exit(pithosAt('301fba21d9b8'))));
		expect(before!.isDone(running)).toMatchObject({ok: false, detail: expect.stringMatching(/^gunicorn running; the astakos migrations are to do \(not at the v0\.15 heads: im has no migration 0062 yet/) as unknown});
		expect(status(before!.isDone(running))).toBe('to do');
		const [, pithosBehind] = probeWith(facts(exit(astakosAt15), exit(cycladesAt15), exit(pithosAt('54dbdde2d187').replace(' (head)', ''))));
		expect(status(pithosBehind!.isDone(running))).toBe('to do');
		// A read that failed, or a fact not read: running services are never "done", and never stopped blindly.
		for (const read of [facts(exit('', 1), exit(cycladesAt15), exit(pithosAt('301fba21d9b8'))), facts(astakosAt15, exit(cycladesAt15), exit(pithosAt('301fba21d9b8'))), undefined]) {
			const [, probe] = probeWith(read);
			expect(status(probe!.isDone(running))).toBe('cannot tell');
		}

		for (const [, garbage] of garbageOutputs) {
			expect(status(cyclades.isDone(garbage))).toBe('cannot tell');
		}
	});
});
