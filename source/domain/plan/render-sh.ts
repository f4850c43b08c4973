import type {Action, CommandAction} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import type {Plan, PlannedStep} from '../plan-types.js';
import {answerSpecs} from '../answers-schema.js';
import {maskedStdinPipe, renderPipeline, secretMask, secretReference, secretVariable, shellQuote} from '../shell-quote.js';
import {appendLines, bySection, commandLine, editLines, factLine, missingSummary, promptLine} from './render-common.js';

/**
 * Every line of a text as a shell comment (a value with a newline never escapes the comment). A free-text note
 * that shows a secret as •••• says "(secret)" instead: the sh plan never holds the mask.
 */
const comment = (text: string, prefix = '# '): string[] =>
	text.split(/\r?\n/).map(line => `${prefix}${line.replaceAll(secretMask, '(secret)')}`.trimEnd());

/** `sudo sh -c '<line>'` when the host's login is not root, else the line itself. */
const asRoot = (host: Host, line: string, root: boolean): string => (root && host.sudo ? `sudo sh -c ${shellQuote(line)}` : line);

/**
 * The command line as the admin types it on their workstation: ssh to the host, or plain for a local host.
 * The user goes as `-l USER` and the host after `--`, so neither can be read as an option of ssh.
 * A secret is a reference to its variable (`"${SNF_PITHOS_OAUTH_SECRET:?set SNF_PITHOS_OAUTH_SECRET}"`): the line stops
 * with that message when it is not set. A line fed on stdin is piped in on the workstation
 * (`printf '%s\n' "${SNF_…:?…}" | ssh …`), never written inside the remote command.
 */
export function shLine(action: CommandAction): string {
	const line = asRoot(action.host, renderPipeline(action.shell, 'reference'), action.asRoot);
	const stdin = maskedStdinPipe(action.shell, 'reference');
	const {target} = action.host;
	if (target.kind === 'local') {
		return `${stdin}${line}`;
	}

	const options = [...(action.pty ? ['-t'] : []), ...(target.user === undefined ? [] : ['-l', target.user]), ...(target.port === undefined ? [] : ['-p', String(target.port)])];
	return `${stdin}${['ssh', ...options, '--', target.host, line].map(word => shellQuote(word)).join(' ')}`;
}

function actionSh(action: Action): string[] {
	if (action.kind === 'edit') {
		return [
			`# edit on ${action.host.id}: ${action.path} (as root; checked: ${action.validate})`,
			...editLines(action, 'reference').flatMap(line => comment(line, '#   ')),
			...(action.note === undefined ? [] : comment(`note: ${action.note}`, '#   ')),
		];
	}

	return [
		`# on ${action.host.id}: ${action.mutates ? 'changes the host' : 'reads only'}${action.asRoot ? ', as root' : ''}`,
		...(action.note === undefined ? [] : comment(action.note)),
		...action.prompts.flatMap(rule => comment(`it asks: ${promptLine(rule, 'reference')}`)),
		shLine(action),
	];
}

function stepSh(step: PlannedStep): string[] {
	const lines = [`# ---- ${step.id}: ${step.title}`, ...comment(step.why), ...step.notes.flatMap(note => comment(`note: ${note}`))];
	if (step.skipped !== undefined) {
		return [...lines, ...comment(`skipped: ${step.skipped}`)];
	}

	for (const request of step.facts) {
		appendLines(lines, comment(`reads first on ${request.host.id}: ${factLine(request, 'reference')}`));
	}

	if (step.actions.length === 0) {
		lines.push('# nothing to do');
	}

	for (const action of step.actions) {
		appendLines(lines, actionSh(action));
	}

	for (const probe of step.probes) {
		appendLines(lines, comment(`done when: ${probe.description} (${commandLine(probe, 'reference')} on ${probe.host.id})`));
	}

	return lines;
}

/** The header lines naming every secret variable the script uses, with the answer each one holds. */
function secretVariableLines(body: string): string[] {
	const used = answerSpecs.filter(spec => spec.type === 'secret' && body.includes(secretVariable(spec.key)));
	if (used.length === 0) {
		return [];
	}

	const first = secretVariable(used[0]!.key);
	return [
		'# Secrets are shell variables, one per secret answer. Set and export each before running, so that its value',
		`# is on no command line: \`read -r ${first} && export ${first}\`. A line that needs one that is not set stops`,
		`# with "${first}: set ${first}" (it is written ${secretReference(used[0]!.key)}).`,
		...used.map(spec => `#  ${secretVariable(spec.key)}: ${spec.key}, ${spec.description}`),
	];
}

/**
 * The plan as a POSIX shell script an admin can read and run by hand, one command at a time:
 * remote commands through ssh (sudo sh -c where the login is not root), edits and prompt answers as comments.
 */
export function renderSh(plan: Plan): string {
	const lines: string[] = [];
	for (const {section, steps} of bySection(plan)) {
		lines.push('', `# ==== ${section.number} ${section.title}${section.optional ? ' (optional)' : ''}`);
		for (const step of steps) {
			appendLines(lines, '', stepSh(step));
		}
	}

	const missing = missingSummary(plan);
	if (missing.length > 0) {
		appendLines(lines, '', missing.flatMap(line => comment(line)));
	}

	const body = lines.join('\n');
	const header = [
		'#!/bin/sh',
		'# snf-upgrade plan: Synnefo v0.14 -> v0.15, rendered by snf-upgrade.',
		'# Read it before running anything. <name> marks a value not known yet. File edits are described in comments.',
		...secretVariableLines(body),
		'set -eu',
	];
	return `${header.join('\n')}\n${body}\n`;
}
