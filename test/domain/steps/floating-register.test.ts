import {describe, expect, it} from 'vitest';
import type {PromptRule} from '../../../source/domain/action-types.js';
import {renderShell} from '../../../source/domain/shell-quote.js';
import {garbageOutputs, status} from '../../helpers/verdict-status.js';
import {commandsOf, exampleStep, lines, output} from './plan-fixture.js';

describe('3 floating IPs', () => {
	it('convert-public-ips is done when every dry run converts 0 addresses (facts §3.10); a missing line or tool cannot tell', () => {
		const [probe] = exampleStep('convert-public-ips').probes;
		expect(renderShell(probe!.shell, 'mask')).toBe('/usr/lib/synnefo/tools/update_to_floating_ips --dry-run --network-id=1 && /usr/lib/synnefo/tools/update_to_floating_ips --dry-run --network-id=7');
		const line = (count: number) => `[INFO] Converting ${count} public IPv4 addresses to floating IPs.\n`;
		expect(status(probe!.isDone(output('', line(0) + '[INFO] No public IPs to convert.\n' + line(0) + '[INFO] No public IPs to convert.\n')))).toBe('done');
		expect(probe!.isDone(output('', line(0) + line(3) + '[INFO] Successfully updated public addresses to floating IPs.\n'))).toEqual({ok: false, detail: '3 public IPv4 address(es) not yet floating IPs'});
		expect(status(probe!.isDone(output('', line(0))))).toBe('cannot tell');
		expect(status(probe!.isDone(output('', 'sh: 1: /usr/lib/synnefo/tools/update_to_floating_ips: not found\n', 127)))).toBe('cannot tell');
		for (const [, garbage] of garbageOutputs) {
			expect(status(probe!.isDone(garbage))).toBe('cannot tell');
		}

		expect(renderShell(exampleStep('convert-public-ips', {set: {convertPublicIps: 'all'}}).probes[0]!.shell, 'mask')).toBe('/usr/lib/synnefo/tools/update_to_floating_ips --dry-run');
	});

	it('makes each chosen network a pool on the Cyclades host and checks the pools', () => {
		const step = exampleStep('floating-ip-pools');
		expect(lines(step)).toEqual(['cyclades: snf-manage network-modify --floating-ip-pool=True -- 1', 'cyclades: snf-manage network-modify --floating-ip-pool=True -- 7']);
		const [probe] = step.probes;
		expect(renderShell(probe!.shell, 'mask')).toBe('snf-manage network-list --public -o id,name,floating_ip_pool,backends --output-format=json');
		const rows = (seven: string) => JSON.stringify([{id: '1', name: 'a', floating_ip_pool: 'True', backends: '[1]'}, {id: '7', name: 'b', floating_ip_pool: seven, backends: '[1]'}]);
		expect(probe!.isDone(output(rows('True'))).ok).toBe(true);
		expect(probe!.isDone(output(rows('False'))).ok).toBe(false);
	});

	it('converts the addresses of the pools one network at a time, of every public network, or not at all', () => {
		expect(lines(exampleStep('convert-public-ips'))).toEqual([
			'cyclades: /usr/lib/synnefo/tools/update_to_floating_ips --network-id=1',
			'cyclades: /usr/lib/synnefo/tools/update_to_floating_ips --network-id=7',
		]);
		expect(lines(exampleStep('convert-public-ips', {set: {convertPublicIps: 'all'}}))).toEqual(['cyclades: /usr/lib/synnefo/tools/update_to_floating_ips']);
		expect(exampleStep('convert-public-ips', {set: {convertPublicIps: 'none'}}).skipped).toMatch(/convertPublicIps is 'none'/);
		expect(exampleStep('convert-public-ips').notes.join(' ')).toMatch(/enforce-resources-cyclades --fix/);
	});

	it('shows a placeholder network before the networks are chosen', () => {
		const step = exampleStep('floating-ip-pools', {unset: ['floatingIpPoolNetworks']});
		expect(lines(step)).toEqual(["cyclades: snf-manage network-modify --floating-ip-pool=True -- '<floatingIpPoolNetworks>'"]);
		expect(step.missing).toEqual(['floatingIpPoolNetworks']);
	});
});

/** What snf-component-register prints before each question for a registered component (facts §3.5). */
function transcript(component: string, example: string, base: string): string[] {
	return [
		`The ${component === 'astakos' ? 'account management' : component === 'cyclades' ? 'compute' : 'file storage'} component (${component}) is registered.\nRe-register (y/n)? `,
		`Registering the x (${component}):\nGive the URL of ${component} base installation (e.g. ${example})\nBase URL: `,
		`Give the URL of the ${component} UI (e.g. ${base}/ui)\nUI URL: `,
		`Register ${component} with the given URLs (y/n)? `,
	];
}

const answerFor = (rules: readonly PromptRule[], tail: string) => {
	const matching = rules.filter(rule => new RegExp(rule.match).test(tail));
	expect(matching, tail).toHaveLength(1);
	return matching[0]!.answer;
};

describe('4.1 component registration', () => {
	it('runs component-modify and the service export/import pipeline per component on the Astakos host', () => {
		expect(lines(exampleStep('register-components'))).toEqual([
			'astakos: snf-manage component-modify astakos --base-url https://accounts.example.synnefo.org/astakos --ui-url https://accounts.example.synnefo.org/astakos/ui --purge-services',
			'astakos: snf-service-export astakos https://accounts.example.synnefo.org/astakos | snf-manage service-import --json -',
			'astakos: snf-manage component-modify cyclades --base-url https://compute.example.synnefo.org/cyclades --ui-url https://compute.example.synnefo.org/cyclades/ui --purge-services',
			'astakos: snf-service-export cyclades https://compute.example.synnefo.org/cyclades | snf-manage service-import --json -',
			'astakos: snf-manage component-modify pithos --base-url https://storage.example.synnefo.org/pithos --ui-url https://storage.example.synnefo.org/pithos/ui --purge-services',
			'astakos: snf-service-export pithos https://storage.example.synnefo.org/pithos | snf-manage service-import --json -',
		]);
	});

	it('answers every question of snf-component-register with the right component URL', () => {
		const step = exampleStep('register-components', {set: {componentRegistration: 'script'}});
		expect(lines(step)).toEqual(['astakos: snf-component-register']);
		const {prompts} = commandsOf(step)[0]!;
		const answers = [
			...transcript('astakos', 'https://accounts.example.synnefo.org/astakos', 'https://accounts.example.synnefo.org/astakos'),
			...transcript('cyclades', 'https://compute.example.synnefo.org/cyclades', 'https://compute.example.synnefo.org/cyclades'),
			...transcript('pithos', 'https://storage.example.synnefo.org/pithos', 'https://storage.example.synnefo.org/pithos'),
		].map(tail => answerFor(prompts, tail));
		expect(answers).toEqual([
			'y', 'https://accounts.example.synnefo.org/astakos', 'https://accounts.example.synnefo.org/astakos/ui', 'y',
			'y', 'https://compute.example.synnefo.org/cyclades', 'https://compute.example.synnefo.org/cyclades/ui', 'y',
			'y', 'https://storage.example.synnefo.org/pithos', 'https://storage.example.synnefo.org/pithos/ui', 'y',
		]);
	});

	it('is done when the new resources exist and every component has a base URL', () => {
		const [resources, components] = exampleStep('register-components').probes;
		expect(renderShell(resources!.shell, 'mask')).toBe('snf-manage resource-list -o name --output-format=json');
		const names = JSON.stringify(['cyclades.total_cpu', 'cyclades.total_ram', 'cyclades.floating_ip', 'cyclades.vm'].map(name => ({name})));
		expect(resources!.isDone(output(names)).ok).toBe(true);
		expect(resources!.isDone(output(JSON.stringify([{name: 'cyclades.vm'}]))).ok).toBe(false);
		const list = (pithos: string) => JSON.stringify([{name: 'astakos', base_url: 'https://a/astakos'}, {name: 'cyclades', base_url: 'https://c/cyclades'}, {name: 'pithos', base_url: pithos}, {name: 'home', base_url: 'None'}]);
		expect(components!.isDone(output(list('https://p/pithos'))).ok).toBe(true);
		expect(components!.isDone(output(list('None'))).ok).toBe(false);
	});
});
