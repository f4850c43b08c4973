import {describe, expect, it} from 'vitest';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {combinedInventory, commandsOf, exampleStep, lines, output} from './plan-fixture.js';

describe('4.2 quotas', () => {
	it('sets the default quota of floating_ip, and of total_cpu/total_ram only when given', () => {
		expect(lines(exampleStep('resource-defaults'))).toEqual([
			'astakos: snf-manage resource-modify cyclades.floating_ip --default-quota 2',
			'astakos: snf-manage resource-modify cyclades.total_ram --default-quota 40G',
		]);
		expect(lines(exampleStep('resource-defaults', {set: {quotaTotalCpu: '8'}, unset: ['quotaTotalRam']}))).toEqual([
			'astakos: snf-manage resource-modify cyclades.floating_ip --default-quota 2',
			'astakos: snf-manage resource-modify cyclades.total_cpu --default-quota 8',
		]);
	});

	it('shows a placeholder for the floating IP quota until it is answered', () => {
		const step = exampleStep('resource-defaults', {unset: ['quotaFloatingIp', 'quotaTotalRam']});
		expect(lines(step)).toEqual(["astakos: snf-manage resource-modify cyclades.floating_ip --default-quota '<quotaFloatingIp>'"]);
		expect(step.missing).toEqual(['quotaFloatingIp']);
	});

	it("sets existing users' base quota with -f, excluding the given users, with the confirmation rule as a safety net", () => {
		const step = exampleStep('existing-users-quota');
		expect(lines(step)).toEqual([
			'astakos: snf-manage user-modify --all --base-quota cyclades.floating_ip 2 --exclude 7c3a5f52-0d8e-4c1b-9a55-1f2e3d4c5b6a -f',
			'astakos: snf-manage user-modify --all --base-quota cyclades.total_ram 40G --exclude 7c3a5f52-0d8e-4c1b-9a55-1f2e3d4c5b6a -f',
		]);
		const [rule] = commandsOf(step)[0]!.prompts;
		expect(rule!.answer).toBe('y');
		expect(new RegExp(rule!.match).test('This will set base quota for all users.\nresource: cyclades.floating_ip\ncapacity: 2\nConfirm? [y/N] ')).toBe(true);
		expect(lines(exampleStep('existing-users-quota', {set: {quotaExcludeUsers: []}}))[0]).toBe('astakos: snf-manage user-modify --all --base-quota cyclades.floating_ip 2 -f');
		expect(exampleStep('existing-users-quota', {set: {quotaApplyToExistingUsers: false}}).skipped).toMatch(/quotaApplyToExistingUsers is false/);
	});

	it('makes resources visible in the API and the UI', () => {
		expect(lines(exampleStep('resource-visibility', {set: {resourcesApiVisible: ['astakos.pending_app']}}))).toEqual([
			'astakos: snf-manage resource-modify astakos.pending_app --api-visible=True',
			'astakos: snf-manage resource-modify cyclades.total_cpu --ui-visible=True',
			'astakos: snf-manage resource-modify cyclades.total_ram --ui-visible=True',
		]);
		expect(exampleStep('resource-visibility', {set: {resourcesUiVisible: []}}).skipped).toMatch(/default visibility stays/);
	});
});

describe('4.3 quotaholder', () => {
	it('starts Astakos, then reconciles on Cyclades, done when in sync', () => {
		expect(lines(exampleStep('start-astakos'))).toEqual(['astakos: service gunicorn start']);
		const step = exampleStep('reconcile-resources');
		expect(lines(step)).toEqual(['cyclades: snf-manage reconcile-resources-cyclades --fix --force']);
		const [probe] = step.probes;
		expect(renderShell(probe!.shell, 'mask')).toBe('snf-manage reconcile-resources-cyclades');
		expect(probe!.isDone(output('', 'Everything in sync.\n')).ok).toBe(true);
		expect(probe!.isDone(output('User  Resource  Database  Quotaholder\n---\nu1  cyclades.floating_ip  1  0\n', '')).ok).toBe(false);
	});
});

describe('5 services up', () => {
	it('starts gunicorn on each web host, snf-dispatcher, and snf-ganeti-eventd on each master', () => {
		expect(lines(exampleStep('start-gunicorn'))).toEqual(['astakos: service gunicorn start', 'cyclades: service gunicorn start', 'pithos: service gunicorn start']);
		expect(lines(exampleStep('start-dispatcher'))).toEqual(['cyclades: service snf-dispatcher start']);
		const eventd = exampleStep('start-ganeti-eventd');
		expect(lines(eventd)).toEqual(['gnt1.example.synnefo.org: service snf-ganeti-eventd start', 'gnt3.example.synnefo.org: service snf-ganeti-eventd start']);
		expect(eventd.notes.join(' ')).toMatch(/facts §9/);
	});

	it('starts gunicorn once on a combined host and can leave snf-ganeti-eventd down', () => {
		expect(lines(exampleStep('start-gunicorn', {inventory: combinedInventory()}))).toEqual(['web: service gunicorn start']);
		expect(exampleStep('start-ganeti-eventd', {set: {startGanetiEventd: false}}).skipped).toBe('startGanetiEventd is false');
	});
});
