/**
 * How a step's hosts share tasks in the export (fewer tasks × hosts: each one Ansible runs, or skips, per host of
 * the play): hosts whose work differs only in the host named in the task names share one task named for all of
 * them; a host name in a command keeps the hosts apart; the --check "would run" record is one task per step.
 */
import {createHash} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {renderAnsible} from '../../../source/domain/ansible/render-ansible.js';
import {withSecretMarkers} from '../../../source/domain/ansible/secret-markers.js';
import {resolveAnswers} from '../../../source/domain/answers/resolve-answers.js';
import type {Host, Inventory} from '../../../source/domain/inventory-types.js';
import {buildPlan} from '../../../source/domain/plan/build-plan.js';
import type {StepDefinition} from '../../../source/domain/plan-types.js';
import {argv, command} from '../../../source/domain/steps/builders.js';
import {readScript} from '../../../source/executors/file-edit.js';
import {pyYaml} from '../../helpers/py-yaml.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const ssh = (id: string): Host => ({id, target: {kind: 'ssh', host: `${id}.example.org`, user: 'root'}, label: `root@${id}.example.org`, sudo: false});
const [web1, web2, web10] = [ssh('web1'), ssh('web2'), ssh('web10')];
const inventory: Inventory = {astakos: web1, cyclades: web2, pithos: web10, vncauthproxy: web1, db: web1, ganeti: [{name: 'g', master: web1, nodes: []}]};
const hosts = [web1, web2, web10];

const catalogue: StepDefinition[] = [
	{
		// The same command on every host, the host named in the check's description (as the service checks are).
		id: 'same-work', section: 'services-down', title: 't', why: 'w',
		actions: () => hosts.map(host => command(host, argv('service', 'gunicorn', 'stop'))),
		probes: () => hosts.map(host => ({host, description: `gunicorn stopped on ${host.id} (not on web1x)`, shell: {pipeline: [{argv: ['service', 'gunicorn', 'status']}]}, asRoot: true, isDone: () => ({ok: true, detail: ''})})),
	},
	{
		// Each host's own name in its command: never one task for both.
		id: 'named-work', section: 'services-down', title: 't', why: 'w',
		actions: () => hosts.map(host => command(host, argv('touch', `/var/tmp/${host.id}`))),
	},
];

const plan = buildPlan({answers: withSecretMarkers(resolveAnswers({})), inventory, catalogue, only: [], skip: []});
const exported = renderAnsible({plan, inventory, hosts, hash: sha256, readScript, snfUpgradeArgv: ['false']});
type Task = Record<string, unknown> & {name: {unsafe: string}; block?: Task[]};
const [play] = pyYaml(exported.playbook) as Array<{tasks: Task[]}>;
const named = (prefix: string) => play!.tasks.filter(task => task.name.unsafe.startsWith(prefix));
const shell = (task: Task) => (task['ansible.builtin.shell'] as {cmd: {unsafe: string}}).cmd.unsafe;

describe('plan --format ansible: hosts that share tasks', () => {
	it('gives hosts whose work differs only in their names in the task names one task, named for all of them', () => {
		const [checks, ...others] = named('1 same-work: checks on');
		expect(others).toEqual([]);
		expect(checks!['when']).toBe("inventory_hostname in ['web1', 'web2', 'web10']");
		expect(checks!.block!.map(task => task.name.unsafe)).toEqual(['1 same-work: check gunicorn stopped on web1, web2, web10 (not on web1x)']);
		expect(checks!.block!.map(task => shell(task))).toEqual(['service gunicorn status']);
		const [work, ...more] = named('1 same-work on');
		expect(more).toEqual([]);
		expect(work!.block!.map(task => shell(task))).toEqual(['service gunicorn stop']);
	});

	it('keeps apart hosts whose commands differ, even only by the host\'s name (web1 inside web10 included)', () => {
		const blocks = named('1 named-work on');
		expect(blocks.map(task => task['when'])).toEqual(['web1', 'web2', 'web10'].map(id => `inventory_hostname in ['${id}'] and not snf_s1_g${['web1', 'web2', 'web10'].indexOf(id)}_marker.stat.exists`));
		expect(blocks.map(task => shell(task.block![0]!))).toEqual(['touch /var/tmp/web1', 'touch /var/tmp/web2', 'touch /var/tmp/web10']);
	});

	it('records in --check that a step would run with one task per step, before its work, read from the verdict or the markers', () => {
		const wouldRun = play!.tasks.filter(task => task.name.unsafe.endsWith('would run (check mode)'));
		expect(wouldRun.map(task => [task.name.unsafe, task['run_once'], task['delegate_to'], task['delegate_facts']])).toEqual([
			['1 same-work: would run (check mode)', true, 'localhost', true],
			['1 named-work: would run (check mode)', true, 'localhost', true],
		]);
		expect(wouldRun[0]!['when']).toBe("ansible_check_mode and ('run' in (['web1', 'web2', 'web10'] | map('extract', snf_s0_verdict.stdout | from_json) | list))");
		expect(wouldRun[1]!['when']).toBe("ansible_check_mode and (false in (['web1'] | map('extract', hostvars, ['snf_s1_g0_marker', 'stat', 'exists']) | list) or false in (['web2'] | map('extract', hostvars, ['snf_s1_g1_marker', 'stat', 'exists']) | list) or false in (['web10'] | map('extract', hostvars, ['snf_s1_g2_marker', 'stat', 'exists']) | list))");
		const order = play!.tasks.map(task => task.name.unsafe);
		expect(order.indexOf('1 same-work: would run (check mode)')).toBe(order.indexOf('1 same-work on web1, web2, web10') - 1);
		expect(play!.tasks.flatMap(task => task.block ?? []).filter(task => task.name.unsafe.includes('would run'))).toEqual([]);
	});
});
