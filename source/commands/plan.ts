import {readFileSync} from 'node:fs';
import type {Answers} from '../domain/answer-types.js';
import {parseAnswersDocument} from '../domain/answers/answers-document.js';
import {answerConflicts} from '../domain/answers/answer-conflicts.js';
import {resolveAnswers} from '../domain/answers/resolve-answers.js';
import {applySetFlags} from '../domain/answers/set-flags.js';
import {InputError} from '../domain/errors.js';
import type {Inventory} from '../domain/inventory-types.js';
import {placeholderInventory} from '../domain/inventory/placeholder-inventory.js';
import {buildPlan} from '../domain/plan/build-plan.js';
import {missingSummary} from '../domain/plan/render-common.js';
import {renderJson} from '../domain/plan/render-json.js';
import {renderMd} from '../domain/plan/render-md.js';
import {renderSh} from '../domain/plan/render-sh.js';
import {renderText} from '../domain/plan/render-text.js';
import type {Plan} from '../domain/plan-types.js';
import type {CommandHandler} from './command.js';
import {probedPlan} from './plan-probe.js';

const renderers: Readonly<Record<string, (plan: Plan) => string>> = {text: renderText, sh: renderSh, json: renderJson, md: renderMd};

function readAnswersFile(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
		throw new InputError(`cannot read the answers file ${file}: ${why}`, 'Give a readable JSON answers file with --answers FILE (snf-upgrade answers --list shows the keys).');
	}
}

/**
 * `snf-upgrade plan [--answers F] [--set K=V] [--format text|sh|json|md] [--only|--skip SECTION]`:
 * the whole rendered plan on stdout, secrets masked; missing answers are named at the end
 * (on stderr for sh and json, so stdout stays a valid script or document). It reads nothing from any host;
 * with --probe (text only) the plan run would run is annotated by each step's read-only probes (plan-probe.ts).
 */
const plan: CommandHandler = async context => {
	const {flags} = context;
	if (context.input.length > 0) {
		throw new InputError(`plan: unexpected argument '${context.input[0]!}'`, 'usage: snf-upgrade plan [--answers FILE] [--set KEY=VALUE] [--format text|sh|json|md|ansible] [--out DIR] [--only|--skip SECTION] [--probe [--state-dir DIR]]');
	}

	const format = flags.format ?? 'text';
	if (format === 'ansible') {
		return (await import('./plan-ansible.js')).planAnsible(context);
	}

	if (flags.out !== undefined) {
		throw new InputError('plan: --out is for --format ansible', 'Other formats go to stdout: snf-upgrade plan --format sh > plan.sh');
	}

	const render = renderers[format];
	if (render === undefined) {
		throw new InputError(`plan: unknown --format '${format}'`, 'Formats: text (default), sh, json, md, ansible (with --out DIR).');
	}

	if (flags.probe === true) {
		if (format !== 'text') {
			throw new InputError('plan: --probe annotates the text plan only', 'Leave out --format, or leave out --probe.');
		}

		const probed = await probedPlan(context);
		context.stdout.write(probed.redact(renderText(probed.plan, probed.annotations)));
		return 0;
	}

	let answers: Answers = {};
	let inventory: Inventory | undefined;
	if (flags.answers !== undefined) {
		const document = parseAnswersDocument(readAnswersFile(flags.answers), flags.answers, context.env);
		answers = document.answers;
		inventory = document.inventory;
	}

	answers = applySetFlags(answers, flags.set ?? [], context.env);
	const resolved = resolveAnswers(answers);
	const rendered = buildPlan({
		answers: resolved,
		inventory: inventory ?? placeholderInventory(),
		only: flags.only ?? [],
		skip: flags.skip ?? [],
	});
	context.stdout.write(render(rendered));
	if ((format === 'sh' || format === 'json') && rendered.missing.length > 0) {
		context.stderr.write(`${missingSummary(rendered).join('\n')}\n`);
	}

	for (const conflict of answerConflicts(resolved)) {
		context.stderr.write(`snf-upgrade plan: warning: ${conflict}\n`);
	}

	if (inventory === undefined) {
		context.stderr.write('snf-upgrade plan: no inventory given: hosts are shown as <astakos host>, <cyclades host> …\n');
	}

	return 0;
};

export default plan;
