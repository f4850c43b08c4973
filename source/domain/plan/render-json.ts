import type {Action} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import type {Plan, PlannedStep} from '../plan-types.js';
import {bySection, commandLine, editLines, factLine, missingItems, shownAnswer} from './render-common.js';

function hostJson(host: Host) {
	const {target} = host;
	return {
		id: host.id,
		label: host.label,
		sudo: host.sudo,
		target:
			target.kind === 'local'
				? {kind: 'local', root: target.root}
				: {kind: 'ssh', host: target.host, user: target.user ?? null, port: target.port ?? null},
	};
}

function actionJson(action: Action) {
	if (action.kind === 'edit') {
		return {
			kind: 'edit',
			host: action.host.id,
			mutates: true,
			asRoot: true,
			path: action.path,
			edits: editLines(action),
			validate: action.validate,
			note: action.note ?? null,
		};
	}

	return {
		kind: 'command',
		host: action.host.id,
		mutates: action.mutates,
		asRoot: action.asRoot,
		command: commandLine(action),
		pty: action.pty,
		prompts: action.prompts.map(rule => ({description: rule.description, match: rule.match, answer: shownAnswer(rule.answer)})),
		note: action.note ?? null,
	};
}

const stepJson = (step: PlannedStep) => ({
	id: step.id,
	title: step.title,
	why: step.why,
	notes: step.notes,
	skipped: step.skipped ?? null,
	facts: step.facts.map(request => ({key: request.key, host: request.host.id, asRoot: request.asRoot, command: factLine(request), description: request.description})),
	actions: step.actions.map(action => actionJson(action)),
	probes: step.probes.map(probe => ({host: probe.host.id, asRoot: probe.asRoot, command: commandLine(probe), description: probe.description})),
	missing: step.missing,
});

/**
 * The plan for machines. Stable shape (version 1): {version, missing, hosts, sections: [{id, number, title,
 * optional, steps: [{id, title, why, notes, skipped, facts, actions, probes, missing}]}]}; secrets masked.
 */
export function renderJson(plan: Plan): string {
	const hosts = new Map<string, Host>();
	for (const step of plan.steps) {
		for (const item of [...step.facts, ...step.actions, ...step.probes]) {
			hosts.set(item.host.id, item.host);
		}
	}

	const document = {
		version: 1,
		missing: missingItems(plan),
		hosts: [...hosts.values()].map(host => hostJson(host)),
		sections: bySection(plan).map(({section, steps}) => ({
			id: section.id,
			number: section.number,
			title: section.title,
			optional: section.optional,
			steps: steps.map(step => stepJson(step)),
		})),
	};
	return `${JSON.stringify(document, null, '\t')}\n`;
}
