import {describe, expect, it} from 'vitest';
import {resolveAnswers} from '../../../source/domain/answers/resolve-answers.js';
import {answerSpecs} from '../../../source/domain/answers-schema.js';
import {InputError} from '../../../source/domain/errors.js';
import {placeholderInventory} from '../../../source/domain/inventory/placeholder-inventory.js';
import {buildPlan, renderStep} from '../../../source/domain/plan/build-plan.js';
import {createPlanContext, hostPath} from '../../../source/domain/plan/plan-context.js';
import {selectSections} from '../../../source/domain/plan/select-sections.js';
import {sections} from '../../../source/domain/sections.js';
import {findStep, sectionOrder, stepCatalogue} from '../../../source/domain/steps/index.js';
import {exampleDocument, examplePlan, lines, stepOf} from '../steps/plan-fixture.js';

describe('the step catalogue', () => {
	it('covers every section, in runbook order, with unique kebab-case ids', () => {
		const order = stepCatalogue.map(step => sectionOrder(step));
		expect(order).toEqual([...order].sort((a, b) => a - b));
		expect(new Set(stepCatalogue.map(step => step.section))).toEqual(new Set(sections.map(section => section.id)));
		const ids = stepCatalogue.map(step => step.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.every(id => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toBe(true);
	});

	it('uses only answer keys of the schema (an unknown key throws while rendering)', () => {
		expect(() => examplePlan()).not.toThrow();
		const ctx = createPlanContext({answers: resolveAnswers({}), inventory: placeholderInventory()});
		expect(() => ctx.text('noSuchKey')).toThrow(/not in answerSpecs/);
	});

	it('gives every step of the example at least one action unless it is skipped', () => {
		const plan = examplePlan({facts: {'public-networks': '[{"id": "1", "name": "p", "backends": "[1]"}]', backends: '[{"id": "1"}, {"id": "2"}]'}});
		for (const step of plan.steps) {
			expect(step.skipped !== undefined || step.actions.length > 0, step.id).toBe(true);
		}
	});
});

describe('buildPlan without answers', () => {
	const plan = buildPlan({answers: resolveAnswers({}), inventory: placeholderInventory()});

	it('still renders every step, with named placeholders, and lists what is missing (answers first)', () => {
		expect(plan.steps.map(step => step.id)).toEqual(stepCatalogue.map(step => step.id));
		expect(lines(stepOf(plan, 'astakos-auth-url'))[0]).toBe("<cyclades host>: edit /etc/synnefo/20-snf-cyclades-app-api.conf: comment out ASTAKOS_BASE_URL | set ASTAKOS_AUTH_URL = '<astakosAuthUrl>'");
		const answerKeys = answerSpecs.map(spec => spec.key);
		const firstFact = plan.missing.findIndex(name => !answerKeys.includes(name));
		expect(plan.missing.slice(0, firstFact).every(name => answerKeys.includes(name))).toBe(true);
		expect(plan.missing.slice(firstFact).every(name => !answerKeys.includes(name))).toBe(true);
		expect(plan.missing).toEqual(expect.arrayContaining(['astakosAuthUrl', 'pithosOauthSecret', 'vncPassword', 'statsBaseUrl', 'floatingIpPoolNetworks', 'quotaFloatingIp', 'astakosUiUrl', 'ispecs:<ganeti backend>']));
		// Answer keys appear in the schema's order.
		const indexes = plan.missing.slice(0, firstFact).map(name => answerKeys.indexOf(name));
		expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
	});

	it('does not ask for what skipped steps would need', () => {
		expect(plan.missing).not.toContain('statsRrdMigrationCommand');
		expect(stepOf(plan, 'shibboleth-remote-user').skipped).toMatch(/not enabled/);
	});
});

describe('--only and --skip', () => {
	it('take section ids or runbook numbers, repeated or comma-separated', () => {
		expect([...selectSections(['oauth', '2.5'])]).toEqual(['oauth', 'vncauthproxy']);
		expect([...selectSections(['2.4,STATS'])]).toEqual(['oauth', 'stats']);
		expect(selectSections([], ['0', 'services-up']).has('pre-upgrade')).toBe(false);
		expect(selectSections([], ['0', 'services-up']).size).toBe(sections.length - 2);
	});

	it('reject an unknown section, listing the valid ones', () => {
		expect(() => selectSections(['2.9'])).toThrow(InputError);
		const error = (() => {
			try {
				selectSections([], ['oauht']);
			} catch (caught) {
				return caught as InputError;
			}

			return undefined;
		})();
		expect(error?.message).toBe("--skip: unknown section 'oauht'");
		expect(error?.hint).toContain('2.4 oauth');

		expect(() => selectSections(['oauth'], ['2.4'])).toThrow(/leave no section/);
	});

	it('select the steps of the plan', () => {
		expect(examplePlan({only: ['2.4']}).steps.map(step => step.id)).toEqual(['oauth-client', 'pithos-oauth-credentials']);
		expect(examplePlan({only: ['oauth']}).steps.map(step => step.id)).toEqual(['oauth-client', 'pithos-oauth-credentials']);
		const skipped = examplePlan({skip: ['0', 'stats']}).steps.map(step => step.section.id);
		expect(skipped).not.toContain('pre-upgrade');
		expect(skipped).not.toContain('stats');
		expect(skipped[0]).toBe('services-down');
	});
});

describe('renderStep', () => {
	it('re-renders one step once its facts are gathered', () => {
		const document = exampleDocument();
		const answers = resolveAnswers(document.answers);
		const step = findStep('ganeti-ipolicy')!;
		const before = renderStep(step, createPlanContext({answers, inventory: document.inventory}));
		expect(before.missing).toEqual(['ispecs:ganeti1', 'groups:ganeti1', 'ispecs:ganeti2', 'groups:ganeti2']);
		const groups = '- Node group: default\n  Instance policy: \n    bounds specs: \n      - min/0: \n          cpu-count: default (1)\n          disk-count: default (1)\n          disk-size: default (1024)\n          memory-size: default (128)\n          nic-count: default (1)\n          spindle-use: default (1)\n        max/0: \n          cpu-count: default (8)\n          disk-count: default (16)\n          disk-size: default (1048576)\n          memory-size: default (32768)\n          nic-count: default (8)\n          spindle-use: default (12)\n';
		const line = 'gnt-cluster init --ipolicy-std-specs cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1 --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=8,spindle-use=12 c\n';
		const after = renderStep(step, createPlanContext({answers, inventory: document.inventory, facts: {'ispecs:ganeti1': line, 'ispecs:ganeti2': line, 'groups:ganeti1': groups, 'groups:ganeti2': groups}}));
		expect(after.missing).toEqual([]);
		expect(lines(after)[0]).toContain('nic-count=0,spindle-use=1/max:');
	});
});

describe('hostPath', () => {
	it('places paths under a local root and leaves SSH and real-root hosts alone', () => {
		expect(hostPath({id: 'a', label: 'a', sudo: false, target: {kind: 'local', root: '/tmp/sb/a/', env: {}}}, '/etc/synnefo/x.conf')).toBe('/tmp/sb/a/etc/synnefo/x.conf');
		expect(hostPath({id: 'a', label: 'a', sudo: false, target: {kind: 'local', root: '', env: {}}}, '/etc/x')).toBe('/etc/x');
		expect(hostPath({id: 'a', label: 'a', sudo: true, target: {kind: 'ssh', host: 'h'}}, '/etc/x')).toBe('/etc/x');
	});
});
