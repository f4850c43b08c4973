import fs from 'node:fs';
import {answerSpecs} from '../domain/answers-schema.js';
import {InputError} from '../domain/errors.js';
import {secretMask} from '../domain/shell-quote.js';
import {openAnswersStore} from '../state/answers-store.js';
import {stateDirectory} from '../state/paths.js';
import type {CommandContext} from './command.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
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

function answerLines(answers: Readonly<Record<string, unknown>>, generated: readonly string[]): string[] {
	const order = new Map(answerSpecs.map((spec, index) => [spec.key, index]));
	const keys = Object.keys(answers).sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9));
	const width = keys.reduce((widest, key) => Math.max(widest, key.length), 0);
	return keys.map(key => `  ${key.padEnd(width)}  ${shown(key, answers[key])}${generated.includes(key) ? '  (generated)' : ''}`);
}

/** `--show --answers FILE`: the answers of that file as given, secrets masked (nothing is saved or merged). */
function showGivenFile(context: CommandContext, file: string): number {
	let document: unknown;
	try {
		document = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
	} catch (error) {
		const why = error instanceof SyntaxError ? `not valid JSON (${error.message})` : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
		throw new InputError(`cannot read the answers file ${file}: ${why}`, 'snf-upgrade plan --answers FILE says more about what is wrong in it.');
	}

	const answers = isRecord(document) && isRecord(document.answers) ? document.answers : {};
	const hosts = isRecord(document) && document.inventory !== undefined ? 'with an inventory' : 'no inventory';
	context.stdout.write(`Answers in ${file} (given with --answers; ${hosts}; secrets masked):\n${answerLines(answers, []).join('\n')}\n`);
	return 0;
}

/** `snf-upgrade answers --show`: the saved answers (or those of --answers FILE), secrets masked, and where they are kept. */
export function showAnswers(context: CommandContext): number {
	if (context.flags.answers !== undefined) {
		return showGivenFile(context, context.flags.answers);
	}

	const store = openAnswersStore(stateDirectory(context.flags.stateDir, context.env));
	const saved = store.load();
	if (saved === undefined) {
		context.stdout.write(`No saved answers (${store.path}): snf-upgrade run --answers FILE saves them.\n`);
		return 0;
	}

	const lines = answerLines(saved.answers, saved.generated);
	const secretsNote = saved.saveSecrets === true ? 'given secrets are kept here (--save-secrets)' : 'given secrets are not kept here' + (saved.withheld?.length ? ` (asked for again: ${saved.withheld.join(', ')})` : '');
	const hosts = saved.inventory === undefined ? 'no inventory saved' : 'inventory saved';
	context.stdout.write(`Saved answers in ${store.path} (mode 0600; ${hosts}; ${secretsNote}):\n${lines.join('\n')}\n`);
	return 0;
}
