import {describe, expect, it} from 'vitest';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {garbageOutputs, status} from '../../helpers/verdict-status.js';
import {exampleStep, output} from './plan-fixture.js';

/** json.dumps(rows, indent=4) with every value a string, as snf-manage prints (facts §3.1). */
const json = (rows: ReadonlyArray<Record<string, string>>) => `${JSON.stringify(rows, null, 4)}\n`;
const infinite = '9223372036854775807';
/** resource-list's default fields at 0.15 (S15 resource-list.py), --unit-style none. */
const resources15 = (floating: string, ram = infinite) => json([
	{id: '1', name: 'cyclades.cpu', default_quota: '4', api_visible: 'True', ui_visible: 'True'},
	{id: '9', name: 'cyclades.floating_ip', default_quota: floating, api_visible: 'True', ui_visible: 'True'},
	{id: '10', name: 'cyclades.total_ram', default_quota: ram, api_visible: 'False', ui_visible: 'False'},
]);
const alice = '7c3a5f52-0d8e-4c1b-9a55-1f2e3d4c5b6a';
const bob = '1b2c3d4e-0000-4000-8000-00000000000b';
const quotaRows = (resource: string, values: Readonly<Record<string, string>>) =>
	json(Object.entries(values).map(([user, base]) => ({user, source: 'system', resource, base_quota: base, total_quota: base, usage: '0'})));

describe('4.2 quota probes: the values read with snf-manage compared with the answers', () => {
	it('resource-defaults reads resource-list (--unit-style none, default fields) and compares each planned limit, units included', () => {
		const step = exampleStep('resource-defaults');
		expect(step.rerunSafe).toBe(true);
		const [probe] = step.probes;
		expect(renderShell(probe!.shell, 'mask')).toBe('snf-manage resource-list --unit-style none --output-format json');
		// floating_ip 2, total_ram 40G = 40 × 1024³ bytes.
		expect(probe!.isDone(output(resources15('2', String(40n * 1024n ** 3n))))).toEqual({ok: true, detail: 'cyclades.floating_ip 2, cyclades.total_ram 40G'});
		expect(probe!.isDone(output(resources15(infinite)))).toEqual({ok: false, detail: `cyclades.floating_ip has inf, not 2; cyclades.total_ram has inf, not 40G`});
		// 0.14.10 (column `limit`, the new resources not registered yet): to do.
		const old = json([{id: '1', name: 'cyclades.cpu', 'service origin': 'cyclades', limit: '4', description: 'x'}]);
		expect(probe!.isDone(output(old))).toEqual({ok: false, detail: 'cyclades.floating_ip is not registered; cyclades.total_ram is not registered'});
		// Another unit style (MB): not the expected format.
		expect(status(probe!.isDone(output(resources15('2', '40960.0 MB'))))).toBe('cannot tell');
		for (const [, garbage] of garbageOutputs) {
			expect(status(probe!.isDone(garbage))).toBe('cannot tell');
		}

		// An unanswered limit is never "done".
		const [placeholder] = exampleStep('resource-defaults', {unset: ['quotaFloatingIp', 'quotaTotalRam']}).probes;
		expect(status(placeholder!.isDone(output(resources15('2'))))).toBe('cannot tell');
	});

	it("existing-users-quota: the resources registered, then each resource's quota-list (filtered there), excluded users left out", () => {
		const step = exampleStep('existing-users-quota');
		expect(step.rerunSafe).toBe(true);
		const [registered, floating, ram] = step.probes;
		expect(step.probes).toHaveLength(3);
		expect(renderShell(floating!.shell, 'mask')).toBe('snf-manage quota-list --unit-style none --filter-by resource=cyclades.floating_ip --output-format json');
		expect(renderShell(ram!.shell, 'mask')).toBe('snf-manage quota-list --unit-style none --filter-by resource=cyclades.total_ram --output-format json');
		expect(registered!.isDone(output(resources15(infinite)))).toEqual({ok: true, detail: 'every resource is registered'});
		expect(registered!.isDone(output(json([{id: '1', name: 'cyclades.cpu', limit: '4'}])))).toEqual({ok: false, detail: 'not registered yet: cyclades.floating_ip, cyclades.total_ram'});
		// alice is excluded (the example's quotaExcludeUsers): her infinite quota does not count.
		expect(floating!.isDone(output(quotaRows('cyclades.floating_ip', {[alice]: infinite, [bob]: '2'})))).toEqual({ok: true, detail: '1 user at 2 for cyclades.floating_ip'});
		expect(floating!.isDone(output(quotaRows('cyclades.floating_ip', {[bob]: infinite})))).toEqual({ok: false, detail: `1 of 1 users not at 2 for cyclades.floating_ip, e.g. ${bob} at ${infinite}`});
		expect(ram!.isDone(output(quotaRows('cyclades.total_ram', {[bob]: String(40n * 1024n ** 3n)}))).ok).toBe(true);
		// Rows of another resource are not evidence; no user at all cannot tell.
		expect(status(floating!.isDone(output(quotaRows('cyclades.cpu', {[bob]: '2'}))))).toBe('cannot tell');
		expect(status(floating!.isDone(output('[]\n')))).toBe('cannot tell');
		expect(status(floating!.isDone(output(quotaRows('cyclades.floating_ip', {[bob]: '2.00'}))))).toBe('cannot tell');
		for (const [, garbage] of garbageOutputs) {
			expect(status(floating!.isDone(garbage))).toBe('cannot tell');
			expect(status(registered!.isDone(garbage))).toBe('cannot tell');
		}
	});
});
