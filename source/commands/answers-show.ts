import {answerSpecs} from '../domain/answers-schema.js';
import {secretMask} from '../domain/shell-quote.js';
import {openAnswersStore} from '../state/answers-store.js';
import {stateDirectory} from '../state/paths.js';
import type {CommandContext} from './command.js';

const secretKeys = new Set(answerSpecs.filter(spec => spec.type === 'secret').map(spec => spec.key));

function shown(key: string, value: unknown): string {
	if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'fromEnv' in value) {
		return `from $${String(value.fromEnv)}`;
	}

	if (secretKeys.has(key)) {
		return secretMask;
	}

	return JSON.stringify(value);
}

/** `snf-upgrade answers --show`: the saved answers, secrets masked, and where they are kept. */
export function showAnswers(context: CommandContext): number {
	const store = openAnswersStore(stateDirectory(context.flags.stateDir, context.env));
	const saved = store.load();
	if (saved === undefined) {
		context.stdout.write(`No saved answers (${store.path}): snf-upgrade run --answers FILE saves them.\n`);
		return 0;
	}

	const order = new Map(answerSpecs.map((spec, index) => [spec.key, index]));
	const keys = Object.keys(saved.answers).sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9));
	const width = Math.max(0, ...keys.map(key => key.length));
	const lines = keys.map(key => `  ${key.padEnd(width)}  ${shown(key, saved.answers[key])}${saved.generated.includes(key) ? '  (generated)' : ''}`);
	const secretsNote = saved.saveSecrets === true ? 'given secrets are kept here (--save-secrets)' : 'given secrets are not kept here' + (saved.withheld?.length ? ` (asked for again: ${saved.withheld.join(', ')})` : '');
	const hosts = saved.inventory === undefined ? 'no inventory saved' : 'inventory saved';
	context.stdout.write(`Saved answers in ${store.path} (mode 0600; ${hosts}; ${secretsNote}):\n${lines.join('\n')}\n`);
	return 0;
}
