import type {Action} from '../action-types.js';
import type {Plan, PlannedStep} from '../plan-types.js';
import {appendLines, byHost, bySection, commandLine, editLines, factLine, hostWords, missingSummary, promptLine} from './render-common.js';

export const textLegend = 'Legend: "$ command" only reads, "! command" changes the host; [root] runs as root (through sudo where the login is not root); •••• is a secret; <name> is not known yet.';

function actionText(action: Action): string[] {
	if (action.kind === 'edit') {
		const lines = [`    edit ${action.path}  [root] (checked: ${action.validate})`, ...editLines(action).map(line => `      - ${line}`)];
		return action.note === undefined ? lines : [...lines, `      note: ${action.note}`];
	}

	const flags = [action.asRoot ? 'root' : '', action.pty ? 'terminal' : ''].filter(Boolean);
	const lines = [`    ${action.mutates ? '!' : '$'} ${commandLine(action)}${flags.length > 0 ? `  [${flags.join(', ')}]` : ''}`];
	if (action.note !== undefined) {
		lines.push(`      note: ${action.note}`);
	}

	for (const rule of action.prompts) {
		lines.push(`      answers: ${promptLine(rule)}`);
	}

	return lines;
}

function stepText(step: PlannedStep, probed: readonly string[]): string[] {
	const lines = [`[${step.id}] ${step.title}`, ...probed.map(line => `  probe: ${line}`), `  ${step.why}`];
	for (const note of step.notes) {
		lines.push(`  note: ${note}`);
	}

	if (step.skipped !== undefined) {
		lines.push(`  skipped: ${step.skipped}`);
		return lines;
	}

	for (const request of step.facts) {
		lines.push(`  reads first on ${request.host.id}: $ ${factLine(request)}  (${request.description})`);
	}

	if (step.actions.length === 0) {
		lines.push('  nothing to do');
	}

	for (const group of byHost(step.actions)) {
		appendLines(lines, `  on ${hostWords(group.host)}:`, group.items.flatMap(action => actionText(action)));
	}

	for (const probe of step.probes) {
		lines.push(`  done when: ${probe.description}  ($ ${commandLine(probe)} on ${probe.host.id})`);
	}

	return lines;
}

/**
 * The plan for a person at a terminal: sections, steps, per host the exact commands and edits, then what
 * is missing. `probed` (plan --probe): lines under each step's title, by step id ("will run on astakos: …").
 */
export function renderText(plan: Plan, probed: ReadonlyMap<string, readonly string[]> = new Map()): string {
	const lines = ['snf-upgrade plan: Synnefo v0.14 → v0.15', textLegend];
	for (const {section, steps} of bySection(plan)) {
		lines.push('', `== ${section.number}  ${section.title}${section.optional ? ' (optional)' : ''} ==`);
		for (const step of steps) {
			appendLines(lines, '', stepText(step, probed.get(step.id) ?? []));
		}
	}

	const missing = missingSummary(plan);
	if (missing.length > 0) {
		appendLines(lines, '', missing);
	}

	return `${lines.join('\n')}\n`;
}
