import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {renderAnsible} from '../../../source/domain/ansible/render-ansible.js';
import {sections} from '../../../source/domain/sections.js';
import {withSecretMarkers} from '../../../source/domain/ansible/secret-markers.js';
import {resolveAnswers} from '../../../source/domain/answers/resolve-answers.js';
import {buildPlan} from '../../../source/domain/plan/build-plan.js';
import {readScript} from '../../../source/executors/file-edit.js';
import {pyYaml} from '../../helpers/py-yaml.js';
import {canaries, exampleDocument} from '../steps/plan-fixture.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const ispecs = 'gnt-cluster init --ipolicy-std-specs cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1 --ipolicy-bounds-specs min:cpu-count=1,disk-count=1,disk-size=1024,memory-size=128,nic-count=1,spindle-use=1/max:cpu-count=8,disk-count=16,disk-size=1048576,memory-size=32768,nic-count=8,spindle-use=12 c\n';
const groups = readFileSync(new URL('../../fixtures/parsers/gnt-group-info-default.txt', import.meta.url), 'utf8');
const facts = {
	'public-networks': '[{"id": "1", "name": "public1", "backends": "[1]"}]',
	backends: '[{"id": "1"}, {"id": "2"}]',
	'ispecs:ganeti1': ispecs,
	'ispecs:ganeti2': ispecs,
	'groups:ganeti1': groups,
	'groups:ganeti2': groups,
};

type Task = Record<string, unknown> & {block?: Task[]};
const flat = (tasks: readonly Task[]): Task[] => tasks.flatMap(task => [task, ...flat(task.block ?? [])]);

describe('plan --format ansible: the rendering', () => {
	// As the export builds it: the example's answers (canary secrets) with every secret as its marker.
	const plan = buildPlan({answers: withSecretMarkers(resolveAnswers(exampleDocument().answers)), inventory: exampleDocument().inventory, facts});
	const exported = renderAnsible({plan, inventory: exampleDocument().inventory, hosts: [...new Map(plan.steps.flatMap(step => step.actions.map(action => [action.host.id, action.host] as const))).values()], hash: sha256, readScript, snfUpgradeArgv: ['/usr/bin/node', '/opt/snf-upgrade/cli.js']});
	const [secretsPlay, ...plays] = pyYaml(exported.playbook) as Array<{name: {unsafe: string}; hosts: string; vars_prompt?: Array<Record<string, unknown>>; tasks: Task[]}>;
	const directory = mkdtempSync(path.join(process.env['TMPDIR'] ?? '/tmp', 'ansible-render-'));
	afterAll(() => rmSync(directory, {recursive: true, force: true}));

	it('has one play per section with work, in runbook order, on role groups', () => {
		const numbers = plays.map(play => play.name.unsafe.split(' ')[0]);
		expect(numbers).toEqual(sections.map(section => section.number).filter(number => numbers.includes(number)));
		expect(numbers).toEqual(expect.arrayContaining(['0', '1', '2.1', '2.2', '2.4', '2.5', '3', '4.1', '5']));
		for (const play of plays) {
			expect(play.hosts).toMatch(/^(synnefo_[a-z]+|ganeti_(masters|nodes))(:(synnefo_[a-z]+|ganeti_(masters|nodes)))*$/);
		}
	});

	it('never holds a secret: each is asked for (private, not templated), and every task that could show one has no_log', () => {
		for (const canary of canaries) {
			expect(exported.playbook).not.toContain(canary);
			expect(exported.inventory).not.toContain(canary);
		}

		expect(exported.secrets).toEqual(['pithosOauthSecret', 'vncPassword', 'statsSecretKey']);
		expect(secretsPlay!.hosts).toBe('all');
		expect(plays.filter(play => play.vars_prompt !== undefined)).toEqual([]);
		const prompts = secretsPlay!.vars_prompt!;
		expect(prompts.map(prompt => prompt['name'])).toEqual(['snf_pithos_oauth_secret', 'snf_vnc_password', 'snf_stats_secret_key']);
		expect(prompts.every(prompt => prompt['private'] === true && prompt['unsafe'] === true)).toBe(true);
		const tasks = [secretsPlay!, ...plays].flatMap(play => flat(play.tasks));
		const usingSecrets = tasks.filter(task => /snf_(pithos_oauth_secret|vnc_password|stats_secret_key)/.test(JSON.stringify(task)));
		expect(usingSecrets.length).toBeGreaterThanOrEqual(4);
		// An assert names the variables in its expression, never their values (its result shows the expression).
		for (const task of usingSecrets.filter(task => task.block === undefined && task['ansible.builtin.assert'] === undefined)) {
			expect(task['no_log'], JSON.stringify(task).slice(0, 300)).toBe(true);
		}
	});

	it('answers the prompts with ansible.builtin.expect, the vnc password from its variable', () => {
		const tasks = plays.flatMap(play => flat(play.tasks));
		const expect_ = tasks.filter(task => task['ansible.builtin.expect'] !== undefined);
		expect(expect_.map(task => JSON.stringify(task['ansible.builtin.expect']))).toEqual(expect.arrayContaining([
			expect.stringContaining('vncauthproxy-passwd'),
			expect.stringContaining("Type 'yes' to continue"),
		]));
		expect(JSON.stringify(expect_)).toContain('"{{ snf_vnc_password }}"');
	});

	it('reads each edited file when its step runs, has snf-upgrade compute the edit, and writes it with the tool\'s script (no content in the playbook)', () => {
		const tasks = plays.flatMap(play => flat(play.tasks));
		const edits = plan.steps.flatMap(step => step.actions).filter(action => action.kind === 'edit');
		expect(tasks.filter(task => task['ansible.builtin.copy'] !== undefined)).toEqual([]);
		const reads = tasks.filter(task => /: read \//.test(JSON.stringify(task['name'])) && task['ansible.builtin.shell'] !== undefined);
		expect(reads.map(task => (task['ansible.builtin.shell'] as {cmd: {unsafe: string}}).cmd.unsafe)).toEqual(edits.map(action => readScript(action.path)));
		const computes = tasks.filter(task => JSON.stringify(task['ansible.builtin.command'] ?? '').includes("'ansible-edit'"));
		expect(computes).toHaveLength(edits.length);
		const writes = tasks.filter(task => JSON.stringify(task['ansible.builtin.shell'] ?? '').includes('.command }}'));
		expect(writes).toHaveLength(edits.length);
		for (const task of [...reads, ...computes, ...writes]) {
			expect(task['no_log'], JSON.stringify(task['name'])).toBe(true);
		}

		// The stats secret reaches ansible-edit on its stdin, never in argv.
		const stats = computes.find(task => JSON.stringify(task).includes('snf_stats_secret_key'))!;
		expect(JSON.stringify((stats['ansible.builtin.command'] as {stdin: string}).stdin)).toContain("'statsSecretKey': (snf_stats_secret_key | string)");
		expect(JSON.stringify((stats['ansible.builtin.command'] as {argv: string}).argv)).not.toContain('secret');
	});

	it('in --check sends nothing but the reads to a host: every command, write and marker is skipped on the controller', () => {
		const tasks = plays.flatMap(play => flat(play.tasks)).filter(task => task.block === undefined);
		const onHosts = tasks.filter(task => (task['ansible.builtin.shell'] !== undefined || task['ansible.builtin.expect'] !== undefined) && task['delegate_to'] === undefined);
		const reads = onHosts.filter(task => task['check_mode'] === false);
		const changing = onHosts.filter(task => task['check_mode'] !== false);
		expect(reads.every(task => task['changed_when'] === false && task['failed_when'] === false)).toBe(true);
		expect(changing.filter(task => task['ansible.builtin.expect'] !== undefined).length).toBeGreaterThan(0);
		expect(changing.filter(task => JSON.stringify(task['name']).includes('record it done')).length).toBeGreaterThan(0);
		expect(changing.filter(task => JSON.stringify(task['ansible.builtin.shell'] ?? '').includes('.command }}')).length).toBeGreaterThan(0);
		for (const task of changing) {
			expect(String(task['when']), JSON.stringify(task['name'])).toMatch(/^not ansible_check_mode( and |$)/);
		}
	});

	it('passes ansible-playbook --syntax-check', () => {
		writeFileSync(path.join(directory, 'inventory.yml'), exported.inventory);
		writeFileSync(path.join(directory, 'playbook.yml'), exported.playbook);
		const output = execFileSync('ansible-playbook', ['-i', 'inventory.yml', 'playbook.yml', '--syntax-check'], {cwd: directory, encoding: 'utf8', env: {...process.env, ANSIBLE_NOCOLOR: '1'}});
		expect(output).toContain('playbook: playbook.yml');
	}, 60_000);
});
