import type {Action} from '../action-types.js';
import type {Plan, PlannedStep} from '../plan-types.js';
import {accessWords, appendLines, byHost, bySection, commandLine, editLines, factLine, hostWords, missingSummary, promptLine} from './render-common.js';

/** A fenced block whose fence is longer than any backtick run inside. */
function fenced(language: string, lines: readonly string[]): string[] {
	const longest = Math.max(2, ...lines.map(line => Math.max(0, ...[...line.matchAll(/`+/g)].map(match => match[0].length))));
	const fence = '`'.repeat(longest + 1);
	return [`${fence}${language}`, ...lines, fence];
}

/** Inline code that survives backticks in the text. */
const code = (text: string): string => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);

function actionMd(action: Action): string[] {
	if (action.kind === 'edit') {
		return [
			`Edit ${code(action.path)} (${accessWords(action)}; checked: ${action.validate}):`,
			'',
			...fenced('text', editLines(action)),
			...(action.note === undefined ? [] : ['', `Note: ${action.note}`]),
			'',
		];
	}

	return [
		`${action.mutates ? 'Changes the host' : 'Reads only'}${action.asRoot ? ', as root' : ''}${action.pty ? ', in a terminal' : ''}:`,
		'',
		...fenced('sh', [commandLine(action)]),
		...(action.note === undefined ? [] : ['', `Note: ${action.note}`]),
		...(action.prompts.length === 0 ? [] : ['', 'It asks:', ...action.prompts.map(rule => `- ${promptLine(rule)}`)]),
		'',
	];
}

function stepMd(step: PlannedStep): string[] {
	const lines = [`### ${step.title} (${code(step.id)})`, '', step.why, ''];
	if (step.notes.length > 0) {
		appendLines(lines, step.notes.map(note => `- Note: ${note}`), '');
	}

	if (step.skipped !== undefined) {
		return [...lines, `*Skipped:* ${step.skipped}`, ''];
	}

	for (const request of step.facts) {
		lines.push(`Reads first on **${request.host.id}**: ${code(factLine(request))} (${request.description})`, '');
	}

	if (step.actions.length === 0) {
		lines.push('Nothing to do.', '');
	}

	for (const group of byHost(step.actions)) {
		appendLines(lines, `On **${hostWords(group.host)}**:`, '', group.items.flatMap(action => actionMd(action)));
	}

	if (step.probes.length > 0) {
		appendLines(lines, 'Done when:', step.probes.map(probe => `- ${probe.description} (${code(commandLine(probe))} on ${probe.host.id})`), '');
	}

	return lines;
}

/** The plan as a Markdown document (headings per section and step, fenced commands). */
export function renderMd(plan: Plan): string {
	const lines = ['# snf-upgrade plan: Synnefo v0.14 → v0.15', '', 'Secrets are shown as ••••; `<name>` marks a value not known yet.', ''];
	for (const {section, steps} of bySection(plan)) {
		lines.push(`## ${section.number} ${section.title}${section.optional ? ' (optional)' : ''}`, '');
		for (const step of steps) {
			appendLines(lines, stepMd(step));
		}
	}

	const missing = missingSummary(plan);
	if (missing.length > 0) {
		appendLines(lines, '## Missing', '', fenced('text', missing), '');
	}

	return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
