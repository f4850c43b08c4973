import type {Host} from '../inventory-types.js';
import type {PlannedStep} from '../plan-types.js';
import {shellQuote as shellWord} from '../shell-quote.js';
import {checkPendingExpression, checkPendingOr, type AnsibleExportInput} from './ansible-context.js';
import {hostNamed, hostWork, renderWork, type HostWork} from './ansible-host-work.js';
import {ansibleHostName, jinjaNames, jinjaString} from './ansible-names.js';
import {hostKeywords, readTask, skippedInCheckMode, taskName} from './ansible-tasks.js';
import {editLines} from './export-record.js';
import {unsafe, type YamlValue} from './yaml-emit.js';

/** Where the playbook records a step it has no read-only check for, on each host (under a sandbox host's root). */
export const markerDirectory = (host: Host): string => `${host.target.kind === 'local' ? host.target.root : ''}/var/lib/snf-upgrade/ansible`;

/**
 * In --check, the first step that would run is kept as a fact of localhost (checkPendingExpression reads it): one
 * task for the step (run once: `wouldRun` reads only the verdict and hostvars), before any of its work.
 */
function wouldRunTask(title: string, step: PlannedStep, wouldRun: readonly string[]): YamlValue {
	return {
		name: taskName(`${title}: would run (check mode)`),
		'ansible.builtin.set_fact': {snf_check_pending: `{{ ${checkPendingOr(jinjaString(step.id))} }}`},
		delegate_to: 'localhost',
		delegate_facts: true,
		run_once: true,
		when: `ansible_check_mode and (${wouldRun.join(' or ')})`,
	};
}

export interface StepTasks {
	readonly tasks: YamlValue[];
	readonly secrets: string[];
	readonly hosts: string[];
}

/**
 * One step as tasks: per group of hosts with the same work, the probes (read-only, registered), then one
 * task on the controller where snf-upgrade judges every host's probe output (`done` or `run`; a probe that
 * cannot tell fails the play unless the step is safe to run again); hosts without a probe check a marker the
 * playbook left when the step ran there. Then the work of the hosts that still need it, and the marker.
 */
export function stepTasks(step: PlannedStep, stepIndex: number, input: AnsibleExportInput): StepTasks {
	if (step.skipped !== undefined) {
		return {tasks: [], secrets: [], hosts: []};
	}

	const works = hostWork(step);
	const groups = new Map<string, {item: HostWork; hosts: string[]}>();
	for (const item of works) {
		const signature = JSON.stringify({sudo: item.host.sudo, target: item.host.target.kind === 'local' ? item.host.target : 'ssh', edits: editLines(step)[item.host.id], ...renderWork(step, item, 'snf', input, hostNamed(item.host, '<host>'))});
		const group = groups.get(signature);
		if (group === undefined) {
			groups.set(signature, {item, hosts: [ansibleHostName(item.host)]});
		} else {
			group.hosts.push(ansibleHostName(item.host));
		}
	}

	const title = `${step.section.number} ${step.id}`;
	const verdict = `snf_s${stepIndex}_verdict`;
	const probeTasks: YamlValue[] = [];
	const runTasks: YamlValue[] = [];
	const probed: string[] = [];
	const wouldRun: string[] = [];
	const secrets: string[] = [];
	[...groups.values()].forEach(({item, hosts}, groupIndex) => {
		const prefix = `snf_s${stepIndex}_g${groupIndex}`;
		const rendered = renderWork(step, item, prefix, input, hostNamed(item.host, hosts.join(', ')));
		secrets.push(...rendered.secrets);
		const here = `inventory_hostname in ${jinjaNames(hosts)}`;
		// The edits' own values are in no task (they are computed at run time): they are part of the marker's hash.
		const marker = `${markerDirectory(item.host)}/${step.id}@${input.hash(JSON.stringify({rendered, edits: editLines(step)[item.host.id] ?? []})).slice(0, 16)}.done`;
		if (rendered.probes.length > 0) {
			probeTasks.push({name: taskName(`${title}: checks on ${hosts.join(', ')}`), when: here, block: rendered.probes});
			for (const host of hosts) {
				probed.push(`${jinjaString(host)}: [${rendered.probes.map((_, index) => `hostvars[${jinjaString(host)}].${prefix}_p${index}`).join(', ')}]`);
			}
		} else {
			probeTasks.push({
				name: taskName(`${title}: has the playbook done it on ${hosts.join(', ')}? (${marker})`),
				'ansible.builtin.stat': {path: unsafe(marker), get_checksum: false},
				when: here,
				register: `${prefix}_marker`,
				check_mode: false,
			});
		}

		if (rendered.actions.length === 0) {
			return;
		}

		const toDo = rendered.probes.length > 0 ? `(${verdict}.stdout | from_json)[inventory_hostname] == 'run'` : `not ${prefix}_marker.stat.exists`;
		wouldRun.push(rendered.probes.length > 0
			? `'run' in (${jinjaNames(hosts)} | map('extract', ${verdict}.stdout | from_json) | list)`
			: `false in (${jinjaNames(hosts)} | map('extract', hostvars, ['${prefix}_marker', 'stat', 'exists']) | list)`);
		runTasks.push({
			name: taskName(`${title} on ${hosts.join(', ')}`),
			when: `${here} and ${toDo}`,
			block: [
				...rendered.actions,
				...(rendered.probes.length > 0 ? [] : [{
					name: taskName(`${title}: record it done (${marker})`),
					'ansible.builtin.shell': {cmd: unsafe(`mkdir -p -m 700 -- ${shellWord(markerDirectory(item.host))} && touch -- ${shellWord(marker)}`), executable: '/bin/sh'},
					...hostKeywords(item.host, true),
					when: skippedInCheckMode,
				}]),
			],
		});
	});
	// The facts the checks read, read again now (the export's are from before the earlier steps ran).
	const factTasks: YamlValue[] = probed.length === 0 ? [] : step.facts.map((request, index) => ({
		...readTask(`${title}: read ${request.description} on ${ansibleHostName(request.host)}`, request.host, request, `snf_s${stepIndex}_f${index}`),
		when: `inventory_hostname == ${jinjaString(ansibleHostName(request.host))}`,
	}));
	const facts = step.facts.map((request, index) => `${jinjaString(request.key)}: (hostvars[${jinjaString(request.host.id)}].snf_s${stepIndex}_f${index} | default({}))`);
	const verdictTask: YamlValue[] = probed.length === 0 ? [] : [{
		name: taskName(`${title}: snf-upgrade reads the checks (done, or run)`),
		'ansible.builtin.command': {
			argv: `{{ snf_upgrade_argv + ['ansible-verdict', playbook_dir, ${jinjaString(step.id)}] }}`,
			stdin: ` {{ {'check_mode': ansible_check_mode, 'pending': ${checkPendingExpression}, 'facts': {${facts.join(', ')}}, 'hosts': {${probed.join(', ')}}} | to_json }}`,
		},
		delegate_to: 'localhost',
		become: false,
		run_once: true,
		register: verdict,
		changed_when: false,
		check_mode: false,
	}];
	return {tasks: [...probeTasks, ...factTasks, ...verdictTask, ...(wouldRun.length === 0 ? [] : [wouldRunTask(title, step, wouldRun)]), ...runTasks], secrets: [...new Set(secrets)], hosts: [...new Set([...works.map(item => ansibleHostName(item.host)), ...(factTasks.length === 0 ? [] : step.facts.map(request => ansibleHostName(request.host)))])]};
}
