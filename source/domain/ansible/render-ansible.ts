import {answerSpecs} from '../answers-schema.js';
import type {Host, Inventory} from '../inventory-types.js';
import type {Plan} from '../plan-types.js';
import {bySection} from '../plan/render-common.js';
import type {AnsibleExportInput} from './ansible-context.js';
import {renderInventory, playPattern} from './ansible-inventory.js';
import {secretVariable} from './ansible-names.js';
import {stepTasks} from './ansible-step.js';
import {unsafe, yamlLines, type YamlValue} from './yaml-emit.js';

export interface AnsibleExport {
	/** ansible.cfg for this directory: the inventory, SSH pipelining and connection reuse (fewer round trips per task). */
	readonly config: string;
	readonly inventory: string;
	readonly playbook: string;
	/** The secret answer keys the playbook asks for (vars_prompt), in schema order. */
	readonly secrets: readonly string[];
}

export interface RenderAnsibleInput extends AnsibleExportInput {
	readonly plan: Plan;
	readonly inventory: Inventory;
	readonly hosts: readonly Host[];
	/** How the controller runs snf-upgrade (for ansible-verdict). */
	readonly snfUpgradeArgv: readonly string[];
}

const header = [
	'# snf-upgrade plan, exported for Ansible (ansible-core 2.14): Synnefo v0.14 -> v0.15.',
	'# One play per runbook section, in order; hosts by role (inventory.yml). Run it from this directory:',
	'#   ansible-playbook -i inventory.yml playbook.yml --syntax-check',
	'#   ansible-playbook -i inventory.yml playbook.yml --check      # reads the hosts, changes nothing',
	'#   ansible-playbook -i inventory.yml playbook.yml',
	'# Each step first runs its read-only checks and snf-upgrade (on this machine, snf_upgrade_argv in',
	'# inventory.yml) says per host whether it is done; done steps are skipped, so a rerun changes nothing.',
	'# Steps without a check leave a marker in /var/lib/snf-upgrade/ansible on the host once they ran.',
	'# Settings edits are made as snf-upgrade makes them: the file is read when its step runs, snf-upgrade',
	'# computes the new content here and writes it atomically with a backup. Secrets are asked for (vars_prompt)',
	'# and never in these files;',
	'# or give them with -e @vault.yml (ansible-vault), each tagged !unsafe (snf_vnc_password: !unsafe "…"):',
	'# Ansible evaluates {{ }} in an -e value that is not. Use --ask-become-pass when sudo asks for a password.',
	'# What this export does not do that snf-upgrade run does: see "Ansible export" in snf-upgrade\'s README.',
];

const ansibleConfig = [
	'# snf-upgrade: read by ansible-playbook run in this directory.',
	'[defaults]',
	'inventory = inventory.yml',
	'interpreter_python = auto_silent',
	'forks = 16',
	'',
	'[ssh_connection]',
	'pipelining = True',
	'ssh_args = -o ControlMaster=auto -o ControlPersist=120s',
	'',
].join('\n');

const specOrder = new Map(answerSpecs.map((spec, index) => [spec.key, index]));

function promptFor(key: string): YamlValue {
	const spec = answerSpecs.find(candidate => candidate.key === key);
	return {name: secretVariable(key), prompt: unsafe(`${key}: ${spec?.description ?? 'a secret'}`), private: true, unsafe: true};
}

/** Prompts for every secret (vars_prompt: not echoed, never templated) and keeps each as a fact of every host (set_fact, no_log). */
function secretsPlay(secrets: readonly string[]): YamlValue {
	return {
		name: 'snf-upgrade: the secrets',
		hosts: 'all',
		gather_facts: false,
		vars_prompt: secrets.map(key => promptFor(key)),
		tasks: [{
			name: 'keep the secrets for the plays below (never shown)',
			'ansible.builtin.set_fact': Object.fromEntries(secrets.map(key => [secretVariable(key), `{{ ${secretVariable(key)} }}`])),
			no_log: true,
		}],
	};
}

/**
 * The plan as an Ansible inventory and playbook. The plan must be rendered with the facts read from the
 * hosts; files are read and edited when the playbook runs. Pure: no I/O.
 */
export function renderAnsible(input: RenderAnsibleInput): AnsibleExport {
	const allSecrets = new Set<string>();
	const lines = [...header, '---'];
	let stepIndex = 0;
	for (const {section, steps} of bySection(input.plan)) {
		const rendered = steps.map(step => stepTasks(step, stepIndex++, input));
		const hosts = [...new Set(rendered.flatMap(item => item.hosts))];
		for (const key of rendered.flatMap(item => item.secrets)) {
			allSecrets.add(key);
		}

		lines.push('', `# ==== ${section.number} ${section.title}: ${steps.map(step => step.id + (step.skipped === undefined ? '' : ' (skipped)')).join(', ')}`);
		if (hosts.length === 0) {
			lines.push('# nothing to do on any host');
			continue;
		}

		const play: YamlValue = {
			name: unsafe(`${section.number} ${section.title}`),
			hosts: playPattern(input.inventory, hosts),
			gather_facts: false,
			any_errors_fatal: true,
			tasks: rendered.flatMap(item => item.tasks),
		};
		lines.push(...yamlLines([play]));
	}

	const secrets = [...allSecrets].sort((a, b) => (specOrder.get(a) ?? 0) - (specOrder.get(b) ?? 0));
	if (secrets.length > 0) {
		lines.splice(header.length + 1, 0, '', '# ==== the secrets: asked once (or given with -e), kept as a fact of every host for the plays below', ...yamlLines([secretsPlay(secrets)]));
	}

	return {
		config: ansibleConfig,
		inventory: renderInventory(input.inventory, input.hosts, input.snfUpgradeArgv),
		playbook: `${lines.join('\n')}\n`,
		secrets,
	};
}
