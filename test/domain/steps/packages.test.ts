import {describe, expect, it} from 'vitest';
import {answerSpecs} from '../../../source/domain/answers-schema.js';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {combinedInventory, commandsOf, inventoryWith, exampleStep, lines, output} from './plan-fixture.js';

const apt = 'DEBIAN_FRONTEND=noninteractive apt-get install -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold';
const ganetiPackages = 'python-objpool snf-common snf-cyclades-gtools snf-pithos-backend snf-network';

describe('2.1 packages', () => {
	it("installs the facts' package list of each role, on every Ganeti node once, non-interactively", () => {
		const step = exampleStep('install-packages');
		expect(lines(step)).toEqual([
			`astakos: ${apt} python-objpool snf-common python-astakosclient snf-django-lib snf-webproject snf-branding snf-astakos-app`,
			`cyclades: ${apt} python-objpool snf-common python-astakosclient snf-django-lib snf-webproject snf-branding snf-pithos-backend snf-cyclades-app`,
			`pithos: ${apt} python-objpool snf-common python-astakosclient snf-django-lib snf-webproject snf-branding snf-pithos-backend snf-pithos-app snf-pithos-webclient`,
			`gnt1.example.synnefo.org: ${apt} ${ganetiPackages}`,
			`gnt2.example.synnefo.org: ${apt} ${ganetiPackages}`,
			`gnt3.example.synnefo.org: ${apt} ${ganetiPackages}`,
			`gnt4.example.synnefo.org: ${apt} ${ganetiPackages}`,
			`stats: ${apt} snf-stats-app`,
		]);
		expect(commandsOf(step).every(action => action.mutates && action.asRoot && action.prompts.length === 0)).toBe(true);
	});

	it('takes the new configuration files with aptConffiles=new: --force-confnew without --force-confdef (which would keep a modified file)', () => {
		const [first] = lines(exampleStep('install-packages', {set: {aptConffiles: 'new'}}));
		expect(first).toContain('apt-get install -y -o Dpkg::Options::=--force-confnew python-objpool');
		expect(first).not.toContain('--force-confdef');
		expect(lines(exampleStep('install-vncauthproxy', {set: {aptConffiles: 'new'}}))).toEqual(['cyclades: DEBIAN_FRONTEND=noninteractive apt-get install -y -o Dpkg::Options::=--force-confnew snf-vncauthproxy']);
	});

	it('installs the union of the packages once on a combined host', () => {
		const step = exampleStep('install-packages', {inventory: combinedInventory()});
		expect(lines(step)[0]).toBe(`web: ${apt} python-objpool snf-common python-astakosclient snf-django-lib snf-webproject snf-branding snf-astakos-app snf-pithos-backend snf-cyclades-app snf-pithos-app snf-pithos-webclient`);
		expect(step.actions.filter(action => action.host.id === 'web')).toHaveLength(1);
		expect(commandsOf(step)[0]!.note).toMatch(/astakos, cyclades, pithos/);
	});

	it("checks each host's Synnefo-versioned packages with dpkg-query", () => {
		const [astakos] = exampleStep('install-packages').probes;
		expect(renderShell(astakos!.shell, 'mask')).toBe("dpkg-query -W '-f=${Package} ${Version}\\n' snf-common python-astakosclient snf-django-lib snf-webproject snf-branding snf-astakos-app");
		expect(astakos!.asRoot).toBe(false);
		const installed = ['snf-common', 'python-astakosclient', 'snf-django-lib', 'snf-webproject', 'snf-branding', 'snf-astakos-app'].map(name => `${name} 0.15-1~wheezy`).join('\n');
		expect(astakos!.isDone(output(`${installed}\n`)).ok).toBe(true);
		expect(astakos!.isDone(output(installed.replace('snf-astakos-app 0.15-1~wheezy', 'snf-astakos-app 0.14.10-1~wheezy'))).ok).toBe(false);
	});

	it('checks that snf-webproject and snf-common have the same version on each web host (read-only)', () => {
		const step = exampleStep('check-webproject-version');
		// The stats host is served through snf-webproject too.
		expect(lines(step)).toEqual(['astakos', 'cyclades', 'pithos', 'stats'].map(host => `${host}: dpkg-query -W '-f=\${Package} \${Version}\\n' snf-common snf-webproject`));
		const [action] = commandsOf(step);
		expect(action).toMatchObject({mutates: false, asRoot: false});
		expect(action!.check!(output('snf-common 0.15-1~wheezy\nsnf-webproject 0.15-1~wheezy\n')).ok).toBe(true);
		expect(action!.check!(output('snf-common 0.15-1~wheezy\nsnf-webproject 0.14.10-1~wheezy\n')).ok).toBe(false);
		// Its probe is the same read on every snf-webproject host, so check says DONE after the install.
		expect(step.probes.slice(0, 4).map(probe => `${probe.host.id}: ${renderShell(probe.shell, 'mask')}`)).toEqual(lines(step));
		// Then the guardrail's condition on every host it reads: a probe saying done skips the step and its guardrail.
		expect(step.probes.slice(4).map(probe => probe.description)).toEqual(step.guards!.map(guard => guard.description));
		expect(step.probes[0]!.isDone(output('snf-common 0.15-1~wheezy\nsnf-webproject 0.15-1~wheezy\n')).ok).toBe(true);
		expect(step.probes[0]!.isDone(output('snf-common 0.14.10-1~wheezy\nsnf-webproject 0.14.10-1~wheezy\n')).ok).toBe(false);
	});

	it('stops the services the installation started', () => {
		expect(lines(exampleStep('stop-services-again'))).toEqual([
			'astakos: service gunicorn stop',
			'cyclades: service gunicorn stop',
			'pithos: service gunicorn stop',
			'cyclades: service snf-dispatcher stop',
			'gnt1.example.synnefo.org: service snf-ganeti-eventd stop',
			'gnt3.example.synnefo.org: service snf-ganeti-eventd stop',
		]);
	});

	it('says plainly what aptConffiles=new does to the settings files, in the answer and in the plan', () => {
		const spec = answerSpecs.find(candidate => candidate.key === 'aptConffiles')!;
		const step = exampleStep('install-packages', {set: {aptConffiles: 'new'}});
		for (const text of [spec.description, step.notes.join('\n')]) {
			expect(text).toContain('all-commented');
			expect(text).toContain('.dpkg-old');
			for (const file of ['20-snf-astakos-app-settings.conf', '20-snf-cyclades-app-api.conf', '20-snf-cyclades-app-backend.conf', '20-snf-cyclades-app-ui.conf', '20-snf-cyclades-app-userdata.conf', '20-snf-pithos-app-settings.conf', '20-snf-stats-app-settings.conf', '10-snf-webproject-deploy.conf', '10-snf-webproject-logging.conf']) {
				expect(text).toContain(file);
			}
		}
	});

	it('restarts the stats host\'s gunicorn after the upgrade, in section 2.1, so it runs 0.15 even when 2.6 is skipped', () => {
		const step = exampleStep('restart-stats-gunicorn');
		expect(step.section.id).toBe('packages');
		expect(lines(step)).toEqual(['stats: service gunicorn restart']);
		const sharedStats = inventoryWith(raw => {
			raw['stats'] = 'root@pithos.example.synnefo.org';
		});
		// A stats host that is also a web host: its gunicorn is stopped for the migrations and started in section 5.
		expect(exampleStep('restart-stats-gunicorn', {inventory: sharedStats}).skipped).toMatch(/also serves/);
	});
});
