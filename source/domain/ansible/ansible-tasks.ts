import type {Arg, CommandAction, Probe, PromptRule, Shell} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import {renderPipeline, shellQuote} from '../shell-quote.js';
import {commandLine} from '../plan/render-common.js';
import {timeLimitMinutes} from '../time-limits.js';
import {secretVariable} from './ansible-names.js';
import {unsafe, type YamlValue} from './yaml-emit.js';

/** A task name: the text on one line, at most 120 characters (the task's arguments hold the whole command). */
export function taskName(text: string): YamlValue {
	const line = text.replaceAll(/\s+/g, ' ');
	return unsafe(line.length > 120 ? `${line.slice(0, 119)}…` : line);
}

/** The shell line of a command as the host runs it; a secret on a command line is refused (the plan never puts one there). */
export function hostLine(shell: Shell, where: string): string {
	for (const command of shell.pipeline) {
		if ('argv' in command && command.argv.some(arg => typeof arg !== 'string')) {
			throw new Error(`${where}: a secret on a command line cannot be exported`);
		}
	}

	return renderPipeline(shell, 'reveal');
}

/** What the export renders a secret answer as (the plan is built with it in place of every secret). */
export const secretMarker = (key: string): string => `@@SNF_SECRET:${key}@@`;

/**
 * The value Ansible types or feeds: a literal; the secret's variable; or a text (JSON) that holds the secret as a
 * JSON string, as a Jinja expression whose literal parts are !unsafe task variables (`vars`, named `name`).
 */
export function argValue(arg: Arg, name: string): {readonly value: YamlValue; readonly vars: Record<string, YamlValue>} {
	if (typeof arg === 'string') {
		return {value: unsafe(arg), vars: {}};
	}

	if (arg.value === secretMarker(arg.secret)) {
		return {value: `{{ ${secretVariable(arg.secret)} }}`, vars: {}};
	}

	const literals: string[] = [];
	const terms: string[] = [];
	let last = 0;
	for (const match of arg.value.matchAll(/"@@SNF_SECRET:([A-Za-z]+)@@"/g)) {
		literals.push(arg.value.slice(last, match.index));
		terms.push(`${name}[${literals.length - 1}]`, `(${secretVariable(match[1]!)} | string | to_json)`);
		last = match.index + match[0].length;
	}

	literals.push(arg.value.slice(last));
	terms.push(`${name}[${literals.length - 1}]`);
	if (literals.some(text => text.includes('@@SNF_SECRET:')) || terms.length === 1) {
		throw new Error(`${name}: a secret is not written as a JSON string: the export cannot template it`);
	}

	// Ansible turns a template result that looks like a dict or list into one (then fed as its Python repr):
	// a leading space keeps a JSON object a string, and JSON readers skip it.
	const lead = /^[[{]/.test(literals[0]!) ? ' ' : '';
	return {value: `${lead}{{ ${terms.join(' ~ ')} }}`, vars: {[name]: literals.map(text => unsafe(text))}};
}

/** Task keywords every task on a host has: root through become where the login is not root, the sandbox's environment. */
export function hostKeywords(host: Host, asRoot: boolean): Record<string, YamlValue> {
	return {
		...(asRoot && host.sudo ? {become: true} : {}),
		...(host.target.kind === 'local' && Object.keys(host.target.env).length > 0
			? {environment: Object.fromEntries(Object.entries(host.target.env).map(([name, value]) => [name, unsafe(value)]))}
			: {}),
	};
}

/** A read-only command whose result is registered and never changes or fails the play (it runs in --check too). */
export function readTask(name: string, host: Host, item: Pick<Probe, 'shell' | 'asRoot'>, register: string): Record<string, YamlValue> {
	const stdin = item.shell.stdin === undefined ? undefined : argValue(item.shell.stdin, `${register}_in`);
	return {
		name: taskName(name),
		'ansible.builtin.shell': {cmd: unsafe(hostLine(item.shell, name)), executable: '/bin/sh', ...(stdin === undefined ? {} : {stdin: stdin.value})},
		...(stdin === undefined || Object.keys(stdin.vars).length === 0 ? {} : {vars: stdin.vars}),
		...hostKeywords(host, item.asRoot),
		register,
		...(item.shell.stdin !== undefined && typeof item.shell.stdin !== 'string' ? {no_log: true} : {}),
		changed_when: false,
		failed_when: false,
		check_mode: false,
	};
}

function responses(rules: readonly PromptRule[], where: string, register: string): Record<string, YamlValue> {
	const entries = rules.map(rule => {
		if (/[{}]{2}|\{%|\{#/.test(rule.match)) {
			throw new Error(`${where}: the prompt pattern ${rule.match} would be read as a template`);
		}

		const answer = argValue(rule.answer, `${register}_answer`);
		if (Object.keys(answer.vars).length > 0) {
			throw new Error(`${where}: a prompt answer must be a secret or a literal`);
		}

		return [rule.match, answer.value] as const;
	});
	return Object.fromEntries(entries);
}

const usesSecret = (action: CommandAction): boolean =>
	(action.shell.stdin !== undefined && typeof action.shell.stdin !== 'string') || action.prompts.some(rule => typeof rule.answer !== 'string');

/** The secret answer keys a command needs (on stdin or typed at a prompt). */
export const commandSecrets = (action: CommandAction): string[] => [
	...(action.shell.stdin !== undefined && typeof action.shell.stdin !== 'string' ? [action.shell.stdin.secret] : []),
	...action.prompts.flatMap(rule => (typeof rule.answer === 'string' ? [] : [rule.answer.secret])),
];

/**
 * A command of the plan: `ansible.builtin.shell`, or `ansible.builtin.expect` (a pseudo-terminal) when it asks
 * questions; stdin fed from the task; read-only commands never report a change; the tool's time limit as `timeout`.
 * Not in --check (skipped here: the host is not asked to run the module only to report that it would have run).
 */
export function commandTask(name: string, action: CommandAction, register: string | undefined, variables: string): Record<string, YamlValue> {
	const line = hostLine(action.shell, name);
	const stdin = action.shell.stdin === undefined ? undefined : argValue(action.shell.stdin, `${variables}_in`);
	const seconds = timeLimitMinutes(action) * 60;
	const interactive = action.pty || action.prompts.length > 0;
	const module: Record<string, YamlValue> = interactive
		? {'ansible.builtin.expect': {
			command: unsafe(`sh -c ${shellQuote(line)}`),
			responses: responses(action.prompts, name, variables),
			timeout: seconds,
			echo: false,
		}}
		: {'ansible.builtin.shell': {
			cmd: unsafe(line),
			executable: '/bin/sh',
			...(stdin === undefined ? {} : {stdin: stdin.value}),
		}};
	const okCodes = action.okExitCodes ?? [];
	return {
		name: taskName(name),
		...module,
		...(stdin === undefined || Object.keys(stdin.vars).length === 0 ? {} : {vars: stdin.vars}),
		...hostKeywords(action.host, action.asRoot),
		when: skippedInCheckMode,
		timeout: seconds,
		...(register === undefined ? {} : {register}),
		...(okCodes.length > 0 && register !== undefined ? {failed_when: `${register}.rc not in [0, ${okCodes.join(', ')}]`} : {}),
		...(action.mutates ? {} : {changed_when: false}),
		...(usesSecret(action) ? {no_log: true} : {}),
	};
}

/** The condition of every task that changes a host: none runs in --check, and the host is not even asked. */
export const skippedInCheckMode = 'not ansible_check_mode';

/** The masked command line, for task names. */
export const shownLine = (item: {readonly shell: Shell}): string => commandLine(item);
