import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Probe} from '../../../source/domain/action-types.js';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {garbageOutputs, status} from '../../helpers/verdict-status.js';
import {exampleStep} from './plan-fixture.js';

let root: string;
let bin: string;

/** `service NAME status` and `dpkg-query` answering as a host would (the script's own reads are real: sh, find, real files). */
function host(serviceStatus: number, packages: Readonly<Record<string, string>>) {
	fs.writeFileSync(path.join(bin, 'service'), `#!/bin/sh\n[ "$2" = status ] && exit ${serviceStatus}\nexit 1\n`, {mode: 0o755});
	const lines = Object.entries(packages).map(([name, version]) => `${name} ${version}`).join('\\n');
	fs.writeFileSync(path.join(bin, 'dpkg-query'), `#!/bin/sh\nprintf '${lines}\\n'\n`, {mode: 0o755});
}

/** A file under the root, its mtime `secondsAgo` before now. */
function file(relative: string, secondsAgo: number, content = 'x\n') {
	const full = path.join(root, relative);
	fs.mkdirSync(path.dirname(full), {recursive: true});
	fs.writeFileSync(full, content);
	const time = new Date(Date.now() - secondsAgo * 1000);
	fs.utimesSync(full, time, time);
}

/** The probe with a path of its script moved under the test's root (the example inventory has no root of its own). */
const rooted = (probe: Probe, from: string, to: string): Probe => ({...probe, shell: {pipeline: [{script: renderShell(probe.shell, 'reveal').replace(from, path.join(root, to))}]}});

function run(probe: Probe) {
	const ran = spawnSync('/bin/sh', ['-c', renderShell(probe.shell, 'reveal')], {encoding: 'utf8', env: {PATH: `${bin}:/usr/bin:/bin`}});
	return probe.isDone({exitCode: ran.status, stdout: ran.stdout, stderr: ran.stderr});
}

beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-restart-'));
	bin = path.join(root, 'bin');
	fs.mkdirSync(bin);
});
afterEach(() => {
	fs.rmSync(root, {recursive: true, force: true});
});

const vncProbe = () => exampleStep('restart-vncauthproxy', {set: {vncauthproxyUsersFile: path.join(root, 'users'), vncauthproxyDefaultsFile: path.join(root, 'default')}, inventory: undefined}).probes;

describe('restart probes: the running daemon started after the files it reads last changed', () => {
	it('restart-vncauthproxy reads the pid file against the users file and the defaults, with 1.5 installed', () => {
		const [probe, more] = vncProbe();
		expect(more).toBeUndefined();
		expect(renderShell(probe!.shell, 'mask')).toContain("service vncauthproxy status >/dev/null 2>&1; echo snf-upgrade-restart status $?; for f in /var/run/vncauthproxy/vncauthproxy.pid; do");
		// The example inventory has no root: the pid file is the real one, absent here.
		host(0, {'snf-vncauthproxy': '1.5-1~wheezy'});
		file('users', 20);
		file('default', 10);
		expect(status(run(probe!))).toBe('cannot tell');
		expect(run(probe!).detail).toMatch(/runs but has no pid file at \/var\/run\/vncauthproxy\/vncauthproxy\.pid/);
		const moved = rooted(probe!, '/var/run/vncauthproxy/vncauthproxy.pid', 'vncauthproxy.pid');
		file('vncauthproxy.pid', 5, '77\n');
		expect(run(moved)).toMatchObject({ok: true, detail: expect.stringMatching(/^vncauthproxy running since .*, after the last change of .*\/default \(/) as unknown});
		// The users file changed after the start (vncauthproxy-passwd ran again): to do.
		file('users', 1);
		expect(run(moved)).toMatchObject({ok: false, detail: expect.stringMatching(/before .*\/users changed/) as unknown});
		// A restart of the 1.4 daemon is not this one; 1.6 is newer.
		file('users', 20);
		host(0, {'snf-vncauthproxy': '1.4-1~wheezy'});
		expect(run(moved)).toEqual({ok: false, detail: 'snf-vncauthproxy is 1.4-1~wheezy, not 1.5 or newer: the upgrade has not reached this host'});
		host(0, {'snf-vncauthproxy': '1.6.1-1'});
		expect(status(run(moved))).toBe('done');
	});

	it('restart-stats: every gunicorn pid file (glob) against every settings file (glob), the oldest start and the newest change', () => {
		const step = exampleStep('restart-stats', {set: {settingsDir: path.join(root, 'etc/synnefo')}});
		const [probe] = step.probes;
		expect(step.rerunSafe).toBe(true);
		expect(renderShell(probe!.shell, 'mask')).toMatch(/for f in \/var\/run\/gunicorn\/\*\.pid; do .*for f in '?[^' ]*\/etc\/synnefo\/'?\*\.conf; do .*dpkg-query -W '-f=\$\{Package\} \$\{Version\}\\n' snf-common$/);
		const withRoot = rooted(probe!, '/var/run/gunicorn/', 'run/gunicorn/');
		host(0, {'snf-common': '0.15-1~wheezy'});
		file('etc/synnefo/10-a.conf', 200);
		file('etc/synnefo/20-snf-stats-app-settings.conf', 30);
		file('run/gunicorn/synnefo.pid', 10, '4242\n');
		file('run/gunicorn/stats.pid', 20, '4243\n');
		const done = run(withRoot);
		expect(status(done)).toBe('done');
		expect(done.detail).toMatch(/^gunicorn running since \S+ \(.*\/run\/gunicorn\/stats\.pid\), after the last change of .*20-snf-stats-app-settings\.conf \(\S+\)$/);
		// One gunicorn started before the settings changed: to do.
		file('run/gunicorn/stats.pid', 40, '4243\n');
		expect(run(withRoot)).toMatchObject({ok: false, detail: expect.stringMatching(/stats\.pid\), before .*20-snf-stats-app-settings\.conf changed/) as unknown});
		expect(status(run(withRoot))).toBe('to do');
		// Not running: to do; status neither 0 nor 3: cannot tell.
		host(3, {'snf-common': '0.15-1~wheezy'});
		expect(run(withRoot)).toEqual({ok: false, detail: 'gunicorn is not running'});
		host(1, {'snf-common': '0.15-1~wheezy'});
		expect(status(run(withRoot))).toBe('cannot tell');
		// Still the 0.14 code: to do, whatever the times say.
		host(0, {'snf-common': '0.14.10-1~wheezy'});
		file('run/gunicorn/stats.pid', 5, '4243\n');
		expect(run(withRoot).detail).toBe('snf-common is 0.14.10-1~wheezy, not 0.15: the upgrade has not reached this host');
		// The same timestamp (a file system with whole seconds): neither.
		host(0, {'snf-common': '0.15-1~wheezy'});
		const same = new Date(Math.floor(Date.now() / 1000) * 1000 - 100_000);
		for (const name of ['run/gunicorn/stats.pid', 'run/gunicorn/synnefo.pid', 'etc/synnefo/20-snf-stats-app-settings.conf']) {
			fs.utimesSync(path.join(root, name), same, same);
		}

		expect(run(withRoot).detail).toMatch(/at the same time as .* last changed .*: the file system cannot order them$/);
		expect(status(run(withRoot))).toBe('cannot tell');
		// No settings file at all: nothing to compare with.
		fs.rmSync(path.join(root, 'etc/synnefo'), {recursive: true});
		expect(run(withRoot).detail).toMatch(/^none of .*\*\.conf exists$/);
	});

	it('restart-stats-gunicorn compares with the time dpkg unpacked the stats packages (their .list files)', () => {
		const [probe] = exampleStep('restart-stats-gunicorn').probes;
		const script = renderShell(probe!.shell, 'mask');
		for (const name of ['snf-common', 'snf-django-lib', 'snf-webproject', 'snf-stats-app']) {
			expect(script).toContain(`/var/lib/dpkg/info/${name}.list`);
		}

		expect(probe!.isDone({exitCode: 0, stdout: 'snf-upgrade-restart status 0\nsnf-upgrade-restart pid 1764600010.5 /var/run/gunicorn/synnefo.pid\nsnf-upgrade-restart input 1764600000.25 /var/lib/dpkg/info/snf-common.list\nsnf-upgrade-restart input missing /var/lib/dpkg/info/snf-django-lib.list\nsnf-common 0.15-1~wheezy\n', stderr: ''}))
			.toEqual({ok: true, detail: 'gunicorn running since 2025-12-01T14:40:10.500Z (/var/run/gunicorn/synnefo.pid), after the last change of /var/lib/dpkg/info/snf-common.list (2025-12-01T14:40:00.250Z)'});
	});

	it('output that is not the script\'s is never done', () => {
		for (const id of ['restart-vncauthproxy', 'restart-stats', 'restart-stats-gunicorn', 'restart-shibd']) {
			const probes = exampleStep(id).probes;
			const probe = probes.at(-1)!;
			for (const [, garbage] of garbageOutputs) {
				expect(status(probe.isDone(garbage))).toBe('cannot tell');
			}

			expect(status(probe.isDone({exitCode: 0, stdout: 'snf-upgrade-restart status 0\nsnf-upgrade-restart pid soon /x.pid\n', stderr: ''}))).toBe('cannot tell');
			expect(status(probe.isDone({exitCode: null, stdout: 'snf-upgrade-restart status 0\n', stderr: ''}))).toBe('cannot tell');
		}
	});
});
