import type {Action, Probe} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import type {PlannedStep} from '../plan-types.js';
import {stepHosts} from '../plan/step-hosts.js';
import type {AnsibleExportInput} from './ansible-context.js';
import {editTasks} from './ansible-edit-tasks.js';
import {jinjaString} from './ansible-names.js';
import {commandSecrets, commandTask, readTask, shownLine, skippedInCheckMode, taskName} from './ansible-tasks.js';
import {editSecrets} from './edit-secrets.js';
import type {YamlValue} from './yaml-emit.js';

export interface HostWork {
	readonly host: Host;
	readonly probes: readonly Probe[];
	readonly work: readonly Action[];
}

/** The step's work on each host, in order. */
export function hostWork(step: PlannedStep): HostWork[] {
	return stepHosts(step).map(host => ({
		host,
		probes: step.probes.filter(probe => probe.host.id === host.id),
		work: step.actions.filter(action => action.host.id === host.id),
	}));
}

/**
 * Task names with the host's own name in them (as a word: not inside another name) written as `shown`. Hosts
 * whose work differs only there ("check gunicorn running on astakos" / "… on cyclades", the same command) then
 * share one task, named for all of them; their commands are compared as they are.
 */
export function hostNamed(host: Host, shown: string): (text: string) => string {
	const word = new RegExp(`(?<![\\w.-])${host.id.replaceAll('.', '\\.')}(?![\\w-]|\\.\\w)`, 'g');
	return text => text.replaceAll(word, shown);
}

export interface RenderedWork {
	readonly probes: YamlValue[];
	readonly actions: YamlValue[];
	readonly secrets: string[];
}

/** The command's output judged by snf-upgrade (the step's own check of it), on the controller; not in --check (the command did not run). */
function outputCheckTask(title: string, step: PlannedStep, index: number, register: string): YamlValue {
	return {
		name: taskName(`${title}: snf-upgrade checks the output`),
		'ansible.builtin.command': {
			argv: `{{ snf_upgrade_argv + ['ansible-verdict', playbook_dir, ${jinjaString(step.id)}, inventory_hostname, '${index}'] }}`,
			stdin: ` {{ ${register} | to_json }}`,
		},
		delegate_to: 'localhost',
		become: false,
		changed_when: false,
		when: skippedInCheckMode,
	};
}

/**
 * The tasks of one host's work; `prefix` names the registered variables and `named` writes the host in the task
 * names (so equal work renders equal tasks).
 */
export function renderWork(step: PlannedStep, item: HostWork, prefix: string, input: AnsibleExportInput, named: (text: string) => string): RenderedWork {
	const title = `${step.section.number} ${step.id}`;
	const probes = item.probes.map((probe, index) => readTask(named(`${title}: check ${probe.description}`), item.host, probe, `${prefix}_p${index}`));
	const secrets: string[] = [];
	const actions = item.work.flatMap((work, index): YamlValue[] => {
		if (work.kind === 'edit') {
			secrets.push(...editSecrets(work));
			return editTasks({name: named(`${title}: edit ${work.path}`), step, action: work, index, register: `${prefix}_e${index}`, readScript: input.readScript});
		}

		secrets.push(...commandSecrets(work));
		const register = work.check === undefined && work.okExitCodes === undefined ? undefined : `${prefix}_a${index}`;
		const task = commandTask(named(`${title}: ${shownLine(work)}`), work, register, `${prefix}_a${index}`);
		return work.check === undefined ? [task] : [task, outputCheckTask(title, step, index, register!)];
	});
	return {probes, actions, secrets};
}
