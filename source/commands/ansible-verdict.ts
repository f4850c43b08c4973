import {freshFacts, judgeOutput, judgeProbes, sameProbes, type ProbeResults, type TaskResult} from '../domain/ansible/ansible-verdict.js';
import {InputError} from '../domain/errors.js';
import {stepRenderer} from '../domain/plan/step-renderer.js';
import type {CommandHandler} from './command.js';
import {exportedStep, readJsonStdin} from './ansible-exported-step.js';

const usage = 'usage: snf-upgrade ansible-verdict DIR STEP [HOST ACTION] < results.json (run by the exported playbook)';

/**
 * `ansible-verdict DIR STEP < {"check_mode", "pending", "hosts": {"HOST": [probe results]}}`: renders STEP again as
 * exported (DIR's record) and prints {"HOST": "done"|"run"}, exit 1 naming the hosts where nobody can tell and
 * rerunning is not safe (in --check, after a step that would run, such a host would run: it is not refused).
 * `ansible-verdict DIR STEP HOST ACTION < result`: the step's own check of that command's output (exit 1 if it fails).
 */
const ansibleVerdict: CommandHandler = async context => {
	const [directory, stepId, host, action] = context.input;
	if (directory === undefined || stepId === undefined || (host !== undefined && !/^\d+$/.test(action ?? ''))) {
		throw new InputError('ansible-verdict: give the export directory and a step id', usage);
	}

	const {record, step, answers} = exportedStep(directory, stepId, usage);
	const input = await readJsonStdin(usage);
	if (host !== undefined) {
		const verdict = judgeOutput(step, host, Number(action), input as TaskResult);
		(verdict.ok ? context.stdout : context.stderr).write(`${stepId} @ ${host}: ${verdict.ok ? 'checked' : 'FAILED'}: ${verdict.detail}\n`);
		return verdict.ok ? 0 : 1;
	}

	if (!sameProbes(step, record.probes[stepId])) {
		throw new InputError(`ansible-verdict: ${stepId} renders other checks than the ones exported (another snf-upgrade version?)`, 'Export the plan again with this snf-upgrade.');
	}

	// The checks are judged with the step's facts as read now (the tool reads them just before the step).
	const fresh = freshFacts(step, input as ProbeResults);
	if (typeof fresh === 'string') {
		context.stderr.write(`${stepId}: ${fresh}; nothing of ${stepId} was run.\n`);
		return 1;
	}

	const judgements = judgeProbes(step.facts.length === 0 ? step : stepRenderer({answers, inventory: record.inventory})(step, fresh), input as ProbeResults);
	const refused = Object.entries(judgements).filter(([, judgement]) => judgement.decision === 'refused');
	for (const [name, judgement] of Object.entries(judgements)) {
		context.stderr.write(`${stepId} @ ${name}: ${judgement.decision === 'refused' ? 'cannot tell whether it is done, and running it again is not safe' : judgement.decision}: ${judgement.detail}\n`);
	}

	if (refused.length > 0) {
		context.stderr.write(`Look at ${refused.map(([name]) => name).join(', ')} by hand; nothing of ${stepId} was run.\n`);
		return 1;
	}

	context.stdout.write(`${JSON.stringify(Object.fromEntries(Object.entries(judgements).map(([name, judgement]) => [name, judgement.decision])))}\n`);
	return 0;
};

export default ansibleVerdict;
