import {describe, expect, it} from 'vitest';
import {combinedInventory, commandsOf, exampleStep, lines} from './plan-fixture.js';

describe('1 services down', () => {
	it('stops gunicorn on each web host, snf-dispatcher on Cyclades, snf-ganeti-eventd on each master', () => {
		const step = exampleStep('stop-services');
		expect(lines(step)).toEqual([
			'astakos: service gunicorn stop',
			'cyclades: service gunicorn stop',
			'pithos: service gunicorn stop',
			'cyclades: service snf-dispatcher stop',
			'gnt1.example.synnefo.org: service snf-ganeti-eventd stop',
			'gnt3.example.synnefo.org: service snf-ganeti-eventd stop',
		]);
		expect(commandsOf(step).every(action => action.mutates && action.asRoot)).toBe(true);
	});

	it('runs each command once on a host that plays several roles', () => {
		expect(lines(exampleStep('stop-services', {inventory: combinedInventory()}))).toEqual([
			'web: service gunicorn stop',
			'web: service snf-dispatcher stop',
			'gnt1.example.synnefo.org: service snf-ganeti-eventd stop',
			'gnt3.example.synnefo.org: service snf-ganeti-eventd stop',
		]);
	});
});
