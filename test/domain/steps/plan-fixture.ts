import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {Action, CommandAction, EditAction} from '../../../source/domain/action-types.js';
import type {AnswerValue} from '../../../source/domain/answer-types.js';
import {parseAnswersDocument} from '../../../source/domain/answers/answers-document.js';
import {resolveAnswers} from '../../../source/domain/answers/resolve-answers.js';
import type {Inventory} from '../../../source/domain/inventory-types.js';
import {parseInventory} from '../../../source/domain/inventory/parse-inventory.js';
import {buildPlan} from '../../../source/domain/plan/build-plan.js';
import type {Facts, Plan, PlannedStep} from '../../../source/domain/plan-types.js';
import {renderShell, shellQuote} from '../../../source/domain/shell-quote.js';
import {snfManageStdinProgram} from '../../../source/domain/steps/snf-manage-stdin.js';
import {describeEdit} from '../../../source/domain/transforms/apply-edits.js';

export const fixturePath = fileURLToPath(new URL('../../fixtures/plan/example-answers.json', import.meta.url));

/** The example's secrets come from these variables: canaries that must never appear in any output. */
export const secretEnv = {
	SNF_PITHOS_OAUTH_SECRET: 'canary-oauth-9Fq2zz',
	SNF_VNC_PASSWORD: 'canary-vnc-7Hk4yy',
	SNF_STATS_SECRET_KEY: 'canary-stats-3Mz8xx',
} as const;

export const canaries = Object.values(secretEnv);

/** The oauth-client command as every plan shows it: the secret masked, fed on stdin to snf-manage's entry point. */
export const oauthAddLine = (url: string, identifier = 'pithos-view'): string =>
	`printf '%s\\n' •••• | python -c ${shellQuote(snfManageStdinProgram)} oauth2-client-add --secret --is-trusted --url ${url} -- ${identifier}`;

export const exampleText = () => readFileSync(fixturePath, 'utf8');

export function exampleDocument() {
	const document = parseAnswersDocument(exampleText(), 'example-answers.json', secretEnv);
	return {answers: document.answers, inventory: document.inventory!};
}

/** The example's raw inventory JSON, changed by `change`, parsed like an answers file would be. */
export function inventoryWith(change: (raw: Record<string, unknown>) => void): Inventory {
	const raw = (JSON.parse(exampleText()) as {inventory: Record<string, unknown>}).inventory;
	change(raw);
	return parseInventory(raw, 'test.json');
}

/** One inventory where Astakos, Cyclades and Pithos are one machine. */
export const combinedInventory = () =>
	inventoryWith(raw => {
		raw['astakos'] = {name: 'web', ssh: 'root@web.example.synnefo.org'};
		raw['cyclades'] = 'root@web.example.synnefo.org';
		raw['pithos'] = 'root@web.example.synnefo.org';
		raw['db'] = 'root@web.example.synnefo.org';
	});

export interface PlanOptions {
	readonly set?: Readonly<Record<string, AnswerValue>>;
	/** Keys removed from the example's answers. */
	readonly unset?: readonly string[];
	readonly inventory?: Inventory;
	readonly facts?: Facts;
	readonly only?: readonly string[];
	readonly skip?: readonly string[];
}

export function examplePlan(options: PlanOptions = {}): Plan {
	const document = exampleDocument();
	const answers: Record<string, AnswerValue> = {...document.answers, ...options.set};
	for (const key of options.unset ?? []) {
		delete answers[key];
	}

	return buildPlan({
		answers: resolveAnswers(answers),
		inventory: options.inventory ?? document.inventory,
		...(options.facts ? {facts: options.facts} : {}),
		...(options.only ? {only: options.only} : {}),
		...(options.skip ? {skip: options.skip} : {}),
	});
}

export function stepOf(plan: Plan, id: string): PlannedStep {
	const step = plan.steps.find(candidate => candidate.id === id);
	if (!step) {
		throw new Error(`no step ${id} in the plan`);
	}

	return step;
}

export const exampleStep = (id: string, options: PlanOptions = {}) => stepOf(examplePlan(options), id);

export const commandsOf = (step: PlannedStep): CommandAction[] => step.actions.filter((action): action is CommandAction => action.kind === 'command');
export const editsOf = (step: PlannedStep): EditAction[] => step.actions.filter((action): action is EditAction => action.kind === 'edit');

/** `host: masked command` for command actions, `host: edit PATH: description | …` for edits. */
export function lines(step: PlannedStep): string[] {
	return step.actions.map((action: Action) =>
		action.kind === 'command'
			? `${action.host.id}: ${renderShell(action.shell, 'mask')}`
			: `${action.host.id}: edit ${action.path}: ${action.edits.map(edit => describeEdit(edit)).join(' | ')}`);
}

export const output = (stdout: string, stderr = '', exitCode = 0) => ({stdout, stderr, exitCode});

/** Executes a settings file's text with python3 and returns the named values (JSON-encoded by Python). */
export function pythonValues(text: string, names: readonly string[]): Record<string, unknown> {
	const script = 'import json,sys\nns={}\nexec(sys.stdin.read(), ns)\nprint(json.dumps({k: ns.get(k, "<unset>") for k in sys.argv[1:]}))';
	const stdout = execFileSync('python3', ['-c', script, ...names], {input: text, encoding: 'utf8'});
	return JSON.parse(stdout) as Record<string, unknown>;
}
