import {createHash} from 'node:crypto';
import type {Action, Arg, FileEdit, PromptRule, PyValue} from '../domain/action-types.js';
import {renderShell, secretMask} from '../domain/shell-quote.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function maskPy(value: PyValue, secrets: string[]): unknown {
	if (value === null || typeof value !== 'object') {
		return value;
	}

	if ('secret' in value) {
		secrets.push(`${value.secret}=${value.value}`);
		return {secret: value.secret, value: secretMask};
	}

	if ('tuple' in value) {
		return {tuple: value.tuple.map(item => maskPy(item, secrets))};
	}

	if ('list' in value) {
		return {list: value.list.map(item => maskPy(item, secrets))};
	}

	return {dict: value.dict.map(([key, item]) => [key, maskPy(item, secrets)])};
}

function maskEdit(edit: FileEdit, secrets: string[]): unknown {
	return edit.op === 'python-set' ? {...edit, value: maskPy(edit.value, secrets)} : edit;
}

function argSecrets(args: readonly Arg[], secrets: string[]) {
	for (const arg of args) {
		if (typeof arg !== 'string') {
			secrets.push(`${arg.secret}=${arg.value}`);
		}
	}
}

function maskPrompt(rule: PromptRule, secrets: string[]) {
	argSecrets([rule.answer], secrets);
	return [rule.match, typeof rule.answer === 'string' ? rule.answer : secretMask, rule.description];
}

/** The masked, canonical text of a list of actions (what the admin sees), and the secret values they use. */
export function describeActions(actions: readonly Action[]): {readonly masked: string; readonly secrets: readonly string[]} {
	const secrets: string[] = [];
	const parts = actions.map(action => {
		if (action.kind === 'edit') {
			return JSON.stringify(['edit', action.host.id, action.path, action.edits.map(edit => maskEdit(edit, secrets)), action.validate]);
		}

		for (const command of action.shell.pipeline) {
			if ('argv' in command) {
				argSecrets(command.argv, secrets);
			}
		}

		argSecrets(action.shell.stdin === undefined ? [] : [action.shell.stdin], secrets);

		return JSON.stringify([
			'command',
			action.host.id,
			renderShell(action.shell, 'mask'),
			action.mutates,
			action.asRoot,
			action.pty,
			action.okExitCodes ?? [],
			action.prompts.map(rule => maskPrompt(rule, secrets)),
		]);
	});
	return {masked: parts.join('\n'), secrets};
}

/**
 * The journal's action hash of one host's actions: sha256 of their masked rendering, plus a sha256 of the
 * secret values they use (so a changed password counts as a changed action without keeping the password).
 */
export function actionHash(actions: readonly Action[]): string {
	const {masked, secrets} = describeActions(actions);
	return sha256(`${masked}\0${sha256(secrets.join('\0'))}`);
}
