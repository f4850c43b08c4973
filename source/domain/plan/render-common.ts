import type {Action, Arg, PromptRule, Shell} from '../action-types.js';
import type {AnswerSpec} from '../answer-types.js';
import {answerSpecs} from '../answers-schema.js';
import type {Host} from '../inventory-types.js';
import type {Plan, PlannedStep} from '../plan-types.js';
import type {SectionInfo} from '../sections.js';
import {renderShell, secretMask, secretVariable, type SecretMode} from '../shell-quote.js';
import {describeEdit} from '../transforms/apply-edits.js';
import {isAnswerKey} from './build-plan.js';

/** How a preview shows secrets: masked (text, md, json, wizard) or as the sh plan's variables. */
export type ShownSecrets = Exclude<SecretMode, 'reveal'>;

/** The answer a prompt rule types, as shown anywhere: secrets masked (or `$SNF_…` in the sh plan), an empty answer as (Enter). */
export function shownAnswer(answer: Arg, mode: ShownSecrets = 'mask'): string {
	if (typeof answer !== 'string') {
		return mode === 'reference' ? `$${secretVariable(answer.secret)}` : secretMask;
	}

	return answer === '' ? '(Enter)' : answer;
}

export const promptLine = (rule: PromptRule, mode: ShownSecrets = 'mask'): string => `${rule.description} → ${shownAnswer(rule.answer, mode)}`;

/** The masked command line of a command action, or the masked edit descriptions of an edit action. */
export const commandLine = (item: {readonly shell: Shell}, mode: ShownSecrets = 'mask'): string => renderShell(item.shell, mode);
export const editLines = (action: Action & {kind: 'edit'}, mode: ShownSecrets = 'mask'): string[] => action.edits.map(edit => describeEdit(edit, mode));

export const factLine = commandLine;

/** How an action touches its host, in words. */
export function accessWords(action: Action): string {
	if (action.kind === 'edit') {
		return 'changes the host, as root';
	}

	return `${action.mutates ? 'changes the host' : 'reads only'}${action.asRoot ? ', as root' : ''}`;
}

export const hostWords = (host: Host): string => (host.label === host.id ? host.id : `${host.id} (${host.label})`);

/** Consecutive actions on the same host, grouped (order kept). */
export function byHost<T extends {readonly host: Host}>(items: readonly T[]): Array<{host: Host; items: T[]}> {
	const groups: Array<{host: Host; items: T[]}> = [];
	for (const item of items) {
		const last = groups.at(-1);
		if (last && last.host.id === item.host.id) {
			last.items.push(item);
		} else {
			groups.push({host: item.host, items: [item]});
		}
	}

	return groups;
}

/** Steps grouped by section, in plan order. */
export function bySection(plan: Plan): Array<{section: SectionInfo; steps: PlannedStep[]}> {
	const groups: Array<{section: SectionInfo; steps: PlannedStep[]}> = [];
	for (const step of plan.steps) {
		const last = groups.at(-1);
		if (last && last.section.id === step.section.id) {
			last.steps.push(step);
		} else {
			groups.push({section: step.section, steps: [step]});
		}
	}

	return groups;
}

export interface MissingItem {
	readonly name: string;
	readonly kind: 'answer' | 'fact';
	/** One line: the answer's description, or what the fact is and where it is read. */
	readonly description: string;
}

/** The answer keys a derived answer is computed from (found by watching which keys its derivation reads). */
function derivedFrom(spec: AnswerSpec): string[] {
	const read: string[] = [];
	spec.derive?.(key => {
		read.push(key);
		return undefined;
	});
	return read;
}

/** The plan's placeholders, explained: answers first (with their description), then facts read at run time. */
export function missingItems(plan: Plan): MissingItem[] {
	const facts = new Map(plan.steps.flatMap(step => step.facts.map(request => [request.key, request] as const)));
	return plan.missing.map((name): MissingItem => {
		if (isAnswerKey(name)) {
			const spec = answerSpecs.find(candidate => candidate.key === name)!;
			const generated = spec.generate ? ' (generated at random when you run, unless you give one)' : '';
			const from = derivedFrom(spec);
			const derived = from.length > 0 ? ` (give ${from.join(' and ')}, or this key itself)` : '';
			return {name, kind: 'answer', description: `${spec.description}${generated}${derived}`};
		}

		const request = facts.get(name);
		return {
			name,
			kind: 'fact',
			description: request ? `${request.description}: \`${factLine(request)}\` on ${request.host.id}` : 'read from the hosts when the step runs',
		};
	});
}

/** The closing lines every human format ends with: which answers are missing, which facts are read later. */
export function missingSummary(plan: Plan): string[] {
	const items = missingItems(plan);
	const answers = items.filter(item => item.kind === 'answer');
	const facts = items.filter(item => item.kind === 'fact');
	const lines: string[] = [];
	if (answers.length > 0) {
		appendLines(lines, `Missing answers (shown as <key>): ${answers.length}`, answers.map(item => `  ${item.name}: ${item.description}`));
		lines.push('  Give them in an answers file (--answers FILE) or with --set KEY=VALUE; snf-upgrade answers --list shows every key.');
	}

	if (facts.length > 0) {
		appendLines(lines, `Read from the hosts when the step runs (shown as <name>): ${facts.length}`, facts.map(item => `  ${item.name}: ${item.description}`));
	}

	return lines;
}

/**
 * Appends lines and lists of lines to `target` one by one. `push(...list)` passes every item as an
 * argument and overflows the stack for a plan of 200,000 actions (a pool network each).
 */
export function appendLines(target: string[], ...parts: ReadonlyArray<string | readonly string[]>): void {
	for (const part of parts) {
		if (typeof part === 'string') {
			target.push(part);
		} else {
			for (const line of part) {
				target.push(line);
			}
		}
	}
}
