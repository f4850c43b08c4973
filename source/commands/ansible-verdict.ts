import path from 'node:path';
import process from 'node:process';
import {judgeOutput, judgeProbes, sameProbes, type TaskResult} from '../domain/ansible/ansible-verdict.js';
import {parseExportRecord} from '../domain/ansible/export-record.js';
import {resolveAnswers} from '../domain/answers/resolve-answers.js';
import {InputError} from '../domain/errors.js';
import {buildPlan} from '../domain/plan/build-plan.js';
import {printable} from '../domain/printable.js';
import {readExportRecordFile} from '../state/export-files.js';
import type {CommandHandler} from './command.js';
import {exportRecordName} from './plan-ansible.js';
import {stepRenderer} from './run-wiring.js';

const usage = 'usage: snf-upgrade ansible-verdict DIR STEP [HOST ACTION] < results.json (run by the exported playbook)';

async function readStdin(): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) {
		chunks.push(chunk as Buffer);
	}

	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch (error) {
		throw new InputError(`ansible-verdict: stdin is not JSON: ${(error as Error).message}`, usage);
	}
}

/**
 * `ansible-verdict DIR STEP < {"HOST": [probe results]}`: renders STEP again as exported (DIR's record) and
 * prints {"HOST": "done"|"run"}, exit 1 naming the hosts where nobody can tell and rerunning is not safe.
 * `ansible-verdict DIR STEP HOST ACTION < result`: the step's own check of that command's output (exit 1 if it fails).
 */
const ansibleVerdict: CommandHandler = async context => {
	const [directory, stepId, host, action] = context.input;
	if (directory === undefined || stepId === undefined || (host !== undefined && !/^\d+$/.test(action ?? ''))) {
		throw new InputError('ansible-verdict: give the export directory and a step id', usage);
	}

	const file = path.join(directory, exportRecordName);
	const record = parseExportRecord(readExportRecordFile(file), file);
	const answers = resolveAnswers(record.answers);
	const planned = buildPlan({answers, inventory: record.inventory, only: record.only, skip: record.skip}).steps.find(step => step.id === stepId);
	if (planned === undefined) {
		throw new InputError(`ansible-verdict: the export has no step '${printable(stepId)}'`, usage);
	}

	const step = planned.facts.length === 0 ? planned : stepRenderer({answers, inventory: record.inventory})(planned, record.facts);
	const results = await readStdin();
	if (host !== undefined) {
		const verdict = judgeOutput(step, host, Number(action), results as TaskResult);
		(verdict.ok ? context.stdout : context.stderr).write(`${stepId} @ ${host}: ${verdict.ok ? 'checked' : 'FAILED'}: ${verdict.detail}\n`);
		return verdict.ok ? 0 : 1;
	}

	if (!sameProbes(step, record.probes[stepId])) {
		throw new InputError(`ansible-verdict: ${stepId} renders other checks than the ones exported (another snf-upgrade version?)`, 'Export the plan again with this snf-upgrade.');
	}

	const judgements = judgeProbes(step, results as Record<string, TaskResult[]>);
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
