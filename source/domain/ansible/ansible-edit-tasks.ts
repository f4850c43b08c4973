import type {EditAction} from '../action-types.js';
import type {PlannedStep} from '../plan-types.js';
import {checkPendingExpression} from './ansible-context.js';
import {jinjaString, secretVariable} from './ansible-names.js';
import {hostKeywords, skippedInCheckMode, taskName} from './ansible-tasks.js';
import {editSecrets} from './edit-secrets.js';
import {unsafe, type YamlValue} from './yaml-emit.js';

export interface EditTaskInput {
	/** Task name prefix ("2.5 vncauthproxy-defaults: edit /etc/default/vncauthproxy"). */
	readonly name: string;
	readonly step: PlannedStep;
	readonly action: EditAction;
	/** The action's index among the step's actions on its host (what ansible-edit renders it again by). */
	readonly index: number;
	/** Prefix of the registered variables. */
	readonly register: string;
	readonly readScript: (path: string) => string;
}

/**
 * An edit made at run time, as the tool makes it just before the step: the file is read on its host with the
 * tool's read script (no_log: it may hold secrets); snf-upgrade on the controller (`ansible-edit`, the step's
 * own edit code, the secrets on its stdin) computes the new content from it, refuses a file the edit does not
 * understand or an interrupted write, and hands back the tool's own write script (the read sha256 checked again,
 * a timestamped backup beside the file, atomic rename, the Python or shibd check with the backup restored when
 * it fails); its masked diff is shown; the content travels on the write's stdin (base64), never in argv or a log.
 */
export function editTasks(input: EditTaskInput): YamlValue[] {
	const {action, step, register} = input;
	const keywords = hostKeywords(action.host, true);
	const read = `${register}_read`;
	const computed = `${register}_edit`;
	const written = `${register}_write`;
	const result = `(${computed}.stdout | from_json)`;
	const secrets = editSecrets(action).map(key => `${jinjaString(key)}: (${secretVariable(key)} | string)`);
	const stdin = ` {{ {'read': ${read}, 'check_mode': ansible_check_mode, 'pending': ${checkPendingExpression}, 'secrets': {${secrets.join(', ')}}} | to_json }}`;
	const found = `${result}.message if ${computed}.rc == 0 else 'snf-upgrade ansible-edit failed (exit ' ~ ${computed}.rc ~ '): ' ~ ${computed}.stderr`;
	return [
		{
			name: taskName(`${input.name}: read ${action.path}`),
			'ansible.builtin.shell': {cmd: unsafe(input.readScript(action.path)), executable: '/bin/sh', strip_empty_ends: false},
			...keywords,
			register: read,
			changed_when: false,
			failed_when: false,
			check_mode: false,
			no_log: true,
		},
		{
			name: taskName(`${input.name}: snf-upgrade computes the new content from it`),
			'ansible.builtin.command': {
				argv: `{{ snf_upgrade_argv + ['ansible-edit', playbook_dir, ${jinjaString(step.id)}, inventory_hostname, '${input.index}'] }}`,
				stdin,
			},
			delegate_to: 'localhost',
			become: false,
			register: computed,
			changed_when: false,
			failed_when: false,
			check_mode: false,
			no_log: true,
		},
		{
			name: taskName(`${input.name}: what snf-upgrade found (secrets masked)`),
			'ansible.builtin.assert': {that: [`${computed}.rc == 0`, `${result}.state != 'refused'`], fail_msg: `{{ ${found} }}`, success_msg: `{{ ${found} }}`, quiet: false},
		},
		{
			name: taskName(`${input.name}: write ${action.path} (atomic, backup beside it, checked)`),
			'ansible.builtin.shell': {cmd: `{{ ${result}.command }}`, stdin: `{{ ${result}.content }}`, executable: '/bin/sh'},
			...keywords,
			when: `${skippedInCheckMode} and ${result}.state == 'write'`,
			register: written,
			failed_when: false,
			no_log: true,
		},
		{
			name: taskName(`${input.name}: ${action.path} written`),
			'ansible.builtin.assert': {
				that: [`${written}.rc == 0`],
				fail_msg: `{{ ${result}.failures[${written}.rc | string] | default(${result}.failures.other) }}`,
				success_msg: `{{ ${written}.stdout }}`,
				quiet: false,
			},
			when: `${result}.state == 'write' and ${skippedInCheckMode}`,
		},
	];
}
