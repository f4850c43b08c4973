import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {garbageOutputs, status} from '../../helpers/verdict-status.js';
import {exampleStep, output} from './plan-fixture.js';

const read = (lines: readonly string[], version: string | undefined) =>
	output(`${lines.map(line => `snf-upgrade-service-status ${line}\n`).join('')}${version === undefined ? '' : `snf-common ${version}\n`}`, version === undefined ? 'dpkg-query: no packages found matching snf-common\n' : '', version === undefined ? 1 : 0);

describe('services stopped and started (probes)', () => {
	it('stop-services reads every service of a host and snf-common in one command', () => {
		const step = exampleStep('stop-services');
		expect(step.probes.map(probe => probe.host.id)).toEqual(['astakos', 'cyclades', 'pithos', 'gnt1.example.synnefo.org', 'gnt3.example.synnefo.org']);
		const cyclades = step.probes[1]!;
		expect(renderShell(cyclades.shell, 'mask')).toBe("service gunicorn status >/dev/null 2>&1; echo snf-upgrade-service-status gunicorn $?; service snf-dispatcher status >/dev/null 2>&1; echo snf-upgrade-service-status snf-dispatcher $?; dpkg-query -W '-f=${Package} ${Version}\\n' snf-common");
		// The script runs as written and prints what the probe reads (here: no such services, no dpkg: not evidence).
		const ran = spawnSync('/bin/sh', ['-c', renderShell(cyclades.shell, 'reveal')], {encoding: 'utf8', env: {PATH: '/nonexistent'}});
		expect(ran.stdout).toMatch(/^snf-upgrade-service-status gunicorn 127\nsnf-upgrade-service-status snf-dispatcher 127\n$/);
		expect(status(cyclades.isDone({exitCode: ran.status, stdout: ran.stdout, stderr: ran.stderr}))).toBe('cannot tell');
		expect(cyclades.isDone(read(['gunicorn 3', 'snf-dispatcher 3'], '0.14.10-1~wheezy'))).toEqual({ok: true, detail: 'gunicorn, snf-dispatcher not running'});
		expect(cyclades.isDone(read(['gunicorn 0', 'snf-dispatcher 3'], '0.14.10-1~wheezy'))).toEqual({ok: false, detail: 'gunicorn running, snf-common 0.14.10-1~wheezy'});
		// After the whole upgrade gunicorn runs again: the stop before the install is past, never redone.
		expect(cyclades.isDone(read(['gunicorn 0', 'snf-dispatcher 0'], '0.15-1~wheezy')).ok).toBe(true);
		// An unknown service (exit 1, as `service` says for one it does not know) is not "stopped".
		expect(status(cyclades.isDone(read(['gunicorn 1', 'snf-dispatcher 3'], '0.14.10-1~wheezy')))).toBe('cannot tell');
		expect(status(cyclades.isDone(read(['gunicorn 3'], '0.14.10-1~wheezy')))).toBe('cannot tell');
		for (const [, garbage] of garbageOutputs) {
			expect(status(cyclades.isDone(garbage))).toBe('cannot tell');
		}
	});

	it('the start steps are done when the services run on a host already at the target version', () => {
		const probe = exampleStep('start-dispatcher').probes[0]!;
		expect(probe.host.id).toBe('cyclades');
		expect(probe.isDone(read(['snf-dispatcher 0'], '0.15-1~wheezy'))).toEqual({ok: true, detail: 'snf-dispatcher running, snf-common 0.15-1~wheezy'});
		expect(probe.isDone(read(['snf-dispatcher 3'], '0.15-1~wheezy'))).toEqual({ok: false, detail: 'snf-dispatcher not running'});
		// A 0.14 deployment that never stopped: still to do.
		expect(probe.isDone(read(['snf-dispatcher 0'], '0.14.10-1~wheezy'))).toEqual({ok: false, detail: 'snf-common is 0.14.10-1~wheezy, not 0.15: the upgrade has not reached this host'});
		expect(status(probe.isDone(read(['snf-dispatcher 0'], undefined)))).toBe('cannot tell');
		for (const [, garbage] of garbageOutputs) {
			expect(status(probe.isDone(garbage))).toBe('cannot tell');
		}

		expect(exampleStep('start-gunicorn').probes.map(candidate => candidate.host.id)).toEqual(['astakos', 'cyclades', 'pithos']);
		expect(exampleStep('start-astakos').probes.map(candidate => candidate.description)).toEqual(['gunicorn running on astakos with snf-common at 0.15']);
		expect(exampleStep('start-ganeti-eventd').probes.map(candidate => candidate.host.id)).toEqual(['gnt1.example.synnefo.org', 'gnt3.example.synnefo.org']);
	});
});
