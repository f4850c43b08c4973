import {answerSpecs} from '../domain/answers-schema.js';
import {answerConflicts} from '../domain/answers/answer-conflicts.js';
import type {ResolvedAnswers} from '../domain/answers/resolve-answers.js';
import {InputError} from '../domain/errors.js';
import {restrictSteps} from '../domain/host-selection.js';
import type {Inventory} from '../domain/inventory-types.js';
import type {PlannedStep} from '../domain/plan-types.js';
import {buildPlan, isAnswerKey, orderMissing} from '../domain/plan/build-plan.js';
import {missingItems} from '../domain/plan/render-common.js';
import {stepsFrom} from '../runner/run-plan.js';
import type {AnswersSession} from '../state/answers-session.js';
import type {CommandContext} from './command.js';

/** Answers the hosts may give, and those derived from others (e.g. astakosAuthUrl): a missing one is refused only once the hosts are read. */
export const readableFromHosts: ReadonlySet<string> = new Set(answerSpecs.filter(spec => spec.fromHost !== undefined || spec.derive !== undefined).map(spec => spec.key));

/** The plan's steps from --from on, rendered with these answers; with `hosts` (--hosts), only those hosts' part of each step. */
export function planSteps(answers: ResolvedAnswers, inventory: Inventory, flags: CommandContext['flags'], hosts?: ReadonlySet<string>): readonly PlannedStep[] {
	return restrictSteps(stepsFrom(buildPlan({answers, inventory, only: flags.only ?? [], skip: flags.skip ?? []}).steps, flags.from), hosts);
}

/** Refuses missing answers (except `notYet`, which the hosts may still give) and answers that contradict each other. */
export function checkAnswers(steps: readonly PlannedStep[], session: AnswersSession, resolved: ResolvedAnswers, notYet: ReadonlySet<string>, hostProblems: readonly string[] = []): void {
	const missing = orderMissing(steps.flatMap(step => step.missing).filter(name => isAnswerKey(name) && !notYet.has(name)));
	if (missing.length > 0) {
		const withheld = missing.filter(key => session.withheld.includes(key));
		const why = withheld.length === 0 ? '' : ` (${withheld.join(', ')}: given in an earlier run but not saved, as you chose; give ${withheld.length === 1 ? 'it' : 'them'} again, e.g. --set KEY=env:VARIABLE, or keep secrets with --save-secrets)`;
		const explained = missingItems({steps, missing}).map(item => `\n  ${item.name}: ${item.description}`).join('');
		const unread = hostProblems.filter(problem => missing.some(key => problem.startsWith(`${key}: `))).map(problem => `\n  could not read ${problem}`).join('');
		throw new InputError(
			`run: missing answers: ${missing.join(', ')}${why}${explained}${unread}`,
			'Set them in the answers file ("answers": {…}) or with --set KEY=VALUE, then run again; snf-upgrade answers --list describes each.',
		);
	}

	const conflicts = answerConflicts(resolved);
	if (conflicts.length > 0) {
		throw new InputError(`run: the answers contradict each other:\n  ${conflicts.join('\n  ')}`, 'Change one side of each, then run again.');
	}
}
