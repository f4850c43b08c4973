import {describe, expect, it} from 'vitest';
import {renderShell} from '../../source/domain/shell-quote.js';
import {defaultTimeLimitMinutes, longTimeLimitMinutes, timeLimitMinutes} from '../../source/domain/time-limits.js';
import {commandsOf, examplePlan} from './steps/plan-fixture.js';

describe('time limits of command actions', () => {
	const plan = examplePlan();
	const limits = new Map(plan.steps.flatMap(step => commandsOf(step).map(action => [`${step.id}: ${renderShell(action.shell, 'mask')}`, timeLimitMinutes(action)] as const)));

	it.each([
		['install-packages', 'apt-get'],
		['migrate-astakos', 'snf-manage migrate'],
		['migrate-cyclades', 'snf-manage migrate'],
		['migrate-pithos', 'pithos-migrate'],
	])('%s (%s) gets the long limit', (step, program) => {
		const found = [...limits].filter(([label]) => label.startsWith(`${step}: `) && label.includes(program));
		expect(found.length).toBeGreaterThan(0);
		for (const [, minutes] of found) {
			expect(minutes).toBe(longTimeLimitMinutes);
		}
	});

	it('a service stop and the other commands get the default limit', () => {
		const stops = [...limits].filter(([label]) => label.startsWith('stop-services: '));
		expect(stops.length).toBeGreaterThan(0);
		expect(stops.every(([, minutes]) => minutes === defaultTimeLimitMinutes)).toBe(true);
		expect(new Set(limits.values())).toEqual(new Set([defaultTimeLimitMinutes, longTimeLimitMinutes]));
	});

	it('a limit given in the step definition wins', () => {
		expect(timeLimitMinutes({shell: {pipeline: [{argv: ['apt-get', 'install', 'x']}]}, timeLimitMinutes: 7})).toBe(7);
	});
});
