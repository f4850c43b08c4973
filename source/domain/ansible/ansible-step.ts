import type {Action, CommandAction, Probe} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import type {PlannedStep} from '../plan-types.js';
import {stepHosts} from '../plan/step-hosts.js';
import {shellQuote as shellWord} from '../shell-quote.js';
import type {AnsibleExportInput, EditChain} from './ansible-context.js';
import {editedContent, contentSecrets} from './ansible-edits.js';
import {editTasks, type EditWork} from './ansible-edit-tasks.js';
import {ansibleHostName, jinjaNames, jinjaString} from './ansible-names.js';
import {commandSecrets, commandTask, hostKeywords, readTask, shownLine, taskName} from './ansible-tasks.js';
import {unsafe, type YamlValue} from './yaml-emit.js';

/** Where the playbook records a step it has no read-only check for, on each host (under a sandbox host's root). */
export const markerDirectory = (host: Host): string => `${host.target.kind === 'local' ? host.target.root : ''}/var/lib/snf-upgrade/ansible`;

type Work = {readonly kind: 'command'; readonly action: CommandAction} | ({readonly kind: 'edit'} & EditWork);

interface HostWork {
	readonly host: Host;
	readonly probes: readonly Probe[];
	readonly work: readonly Work[];
}

/** The step's work on each host, in order; edits take their content from the chain (and move it on). */
function hostWork(step: PlannedStep, chain: EditChain): HostWork[] {
	return stepHosts(step).map(host => ({
		host,
		probes: step.probes.filter(probe => probe.host.id === host.id),
		work: step.actions.filter(action => action.host.id === host.id).map((action: Action): Work => {
			if (action.kind === 'command') {
				return {kind: 'command', action};
			}

			const {parts, earlier, file} = chain.current(host, action.path);
			const after = editedContent(parts, action);
			chain.advance(host, action.path, after);
			return {kind: 'edit', action, file, before: parts, earlier, after};
		}),
	}));
}

interface Rendered {
	readonly probes: YamlValue[];
	readonly actions: YamlValue[];
	readonly secrets: string[];
}

/** The tasks of one host's work; `prefix` names the registered variables (so equal work renders equal tasks). */
function renderWork(step: PlannedStep, item: HostWork, prefix: string, input: AnsibleExportInput): Rendered {
	const title = `${step.section.number} ${step.id}`;
	const probes = item.probes.map((probe, index) => readTask(`${title}: check ${probe.description}`, item.host, probe, `${prefix}_p${index}`));
	const secrets: string[] = [];
	const actions = item.work.flatMap((work, index): YamlValue[] => {
		if (work.kind === 'edit') {
			secrets.push(...contentSecrets(work.after));
			return editTasks(`${title}: edit ${work.action.path}`, work, `${prefix}_e${index}`, input.hash);
		}

		secrets.push(...commandSecrets(work.action));
		const register = work.action.check === undefined && work.action.okExitCodes === undefined ? undefined : `${prefix}_a${index}`;
		const task = commandTask(`${title}: ${shownLine(work.action)}`, work.action, register);
		return work.action.check === undefined ? [task] : [task, outputCheckTask(title, step, index, register!)];
	});
	return {probes, actions, secrets};
}

/** The command's output judged by snf-upgrade (the step's own check of it), on the controller; not in --check (the command did not run). */
function outputCheckTask(title: string, step: PlannedStep, index: number, register: string): YamlValue {
	return {
		name: taskName(`${title}: snf-upgrade checks the output`),
		'ansible.builtin.command': {
			argv: `{{ snf_upgrade_argv + ['ansible-verdict', playbook_dir, ${jinjaString(step.id)}, '--host', inventory_hostname, '--action', '${index}'] }}`,
			stdin: `{{ ${register} | to_json }}`,
		},
		delegate_to: 'localhost',
		become: false,
		changed_when: false,
		when: 'not ansible_check_mode',
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
export function stepTasks(step: PlannedStep, stepIndex: number, chain: EditChain, input: AnsibleExportInput): StepTasks {
	if (step.skipped !== undefined) {
		return {tasks: [], secrets: [], hosts: []};
	}

	const works = hostWork(step, chain);
	const groups = new Map<string, {item: HostWork; hosts: string[]}>();
	for (const item of works) {
		const signature = JSON.stringify({sudo: item.host.sudo, target: item.host.target.kind === 'local' ? item.host.target : 'ssh', ...renderWork(step, item, 'snf', input)});
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
	const secrets: string[] = [];
	[...groups.values()].forEach(({item, hosts}, groupIndex) => {
		const prefix = `snf_s${stepIndex}_g${groupIndex}`;
		const rendered = renderWork(step, item, prefix, input);
		secrets.push(...rendered.secrets);
		const here = `inventory_hostname in ${jinjaNames(hosts)}`;
		const marker = `${markerDirectory(item.host)}/${step.id}@${input.hash(JSON.stringify(rendered)).slice(0, 16)}.done`;
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
		runTasks.push({
			name: taskName(`${title} on ${hosts.join(', ')}`),
			when: `${here} and ${toDo}`,
			block: [
				...rendered.actions,
				...(rendered.probes.length > 0 ? [] : [{
					name: taskName(`${title}: record it done (${marker})`),
					'ansible.builtin.shell': {cmd: unsafe(`mkdir -p -m 700 -- ${shellWord(markerDirectory(item.host))} && touch -- ${shellWord(marker)}`), executable: '/bin/sh'},
					...hostKeywords(item.host, true),
				}]),
			],
		});
	});
	const verdictTask: YamlValue[] = probed.length === 0 ? [] : [{
		name: taskName(`${title}: snf-upgrade reads the checks (done, or run)`),
		'ansible.builtin.command': {
			argv: `{{ snf_upgrade_argv + ['ansible-verdict', playbook_dir, ${jinjaString(step.id)}] }}`,
			stdin: `{{ {${probed.join(', ')}} | to_json }}`,
		},
		delegate_to: 'localhost',
		become: false,
		run_once: true,
		register: verdict,
		changed_when: false,
		check_mode: false,
	}];
	return {tasks: [...probeTasks, ...verdictTask, ...runTasks], secrets: [...new Set(secrets)], hosts: works.map(item => ansibleHostName(item.host))};
}
