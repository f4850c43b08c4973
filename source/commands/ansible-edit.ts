import {editLines} from '../domain/ansible/export-record.js';
import {editSecrets} from '../domain/ansible/edit-secrets.js';
import {InputError} from '../domain/errors.js';
import {printable} from '../domain/printable.js';
import {editOutcome, type EditRequest} from './ansible-edit-outcome.js';
import {exportedStep, readJsonStdin} from './ansible-exported-step.js';
import type {CommandHandler} from './command.js';

const usage = 'usage: snf-upgrade ansible-edit DIR STEP HOST ACTION < {"read": …, "secrets": …} (run by the exported playbook)';

/**
 * `ansible-edit DIR STEP HOST ACTION < request`: the edit ACTION of STEP on HOST (as exported: DIR's record), computed
 * with the step's own edit code from the file the playbook just read, and the secrets it writes (from stdin, never
 * argv). Prints one JSON line (EditOutcome); exit 2 when the request or the export does not fit this snf-upgrade.
 */
const ansibleEdit: CommandHandler = async context => {
	const [directory, stepId, host, index] = context.input;
	if (directory === undefined || stepId === undefined || host === undefined || !/^\d+$/.test(index ?? '')) {
		throw new InputError('ansible-edit: give the export directory, a step id, a host and the action number', usage);
	}

	const request = (await readJsonStdin(usage)) as EditRequest;
	const secrets = Object.fromEntries(Object.entries(request.secrets ?? {}).filter(([, value]) => typeof value === 'string' && value !== ''));
	const {record, step} = exportedStep(directory, stepId, usage, secrets);
	if (JSON.stringify(editLines(step)[host] ?? []) !== JSON.stringify(record.edits[stepId]?.[host] ?? [])) {
		throw new InputError(`ansible-edit: ${stepId} on ${printable(host)} renders other edits than the ones exported (another snf-upgrade version?)`, 'Export the plan again with this snf-upgrade.');
	}

	const action = step.actions.filter(item => item.host.id === host)[Number(index)];
	if (action?.kind !== 'edit') {
		throw new InputError(`ansible-edit: action ${index} of ${stepId} on ${printable(host)} is not an edit`, usage);
	}

	const missing = editSecrets(action).filter(key => secrets[key] === undefined);
	if (missing.length > 0) {
		throw new InputError(`ansible-edit: the playbook gave no ${missing.join(', ')}, which ${action.path} needs`, 'Give the secrets (vars_prompt or -e @vault.yml).');
	}

	context.stdout.write(`${JSON.stringify(editOutcome(action, request, new Date()))}\n`);
	return 0;
};

export default ansibleEdit;
