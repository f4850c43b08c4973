import type {PromptRule} from '../domain/action-types.js';
import type {InputChannel, OutputChunk, PromptResponder} from './executor.js';
import {createSecretScrubber} from './secret-scrubber.js';
import {sudoPrompt, sudoRetryMessage} from './sudo.js';

export interface PromptBrokerOptions {
	readonly rules: readonly PromptRule[];
	/** How long a command must be quiet with a prompt-like tail before it counts as waiting for input. */
	readonly idleMs?: number;
	/** Asks the admin about a prompt no rule knows; undefined (or no callback) fails the command. */
	readonly onUnknownPrompt?: (tail: string) => Promise<string | undefined>;
	/** Typed when sudo asks (sudoPrompt); never put on a command line. */
	readonly sudoPassword?: string;
	/** Told after a known prompt is answered: its description and the answer as it may be shown (a secret never). */
	readonly onAnswered?: (description: string, shownAnswer: string) => void;
}

/** Answers a command's prompts; also masks the secrets it knows in the output the executor reports. */
export interface PromptBroker extends PromptResponder {
	filterOutput(chunk: OutputChunk): OutputChunk;
	flushOutput(): readonly OutputChunk[];
}

/** A rule answered too often means the command rejects the answer and asks again: fail rather than loop. */
export const maxAnswersPerRule = 20;

const keptOutput = 4096;

/** Ends like a question waiting for a line: `: `, `? `, `] `, `> `, `(y/n)`, `[y/N]`… with no newline after it. */
const promptLikeTail = /(?:[:?\]>]\s*|\((?:y\/n|yes\/no)\)\s*|\[(?:y\/n|yes\/no)\]\s*)$/i;

interface CompiledRule {
	readonly regex: RegExp;
	readonly answer: string;
	readonly shownAnswer: string;
	readonly description: string;
	readonly kind: 'rule' | 'sudo';
	answered: number;
}

function escapeRegex(text: string): string {
	return text.replaceAll(/[\\^$.*+?()[\]{}|/]/g, String.raw`\$&`);
}

function lastLine(text: string): string {
	return text.slice(text.lastIndexOf('\n') + 1);
}

/** The last match of a global regex in text, only if nothing but whitespace follows it. */
function matchAtTail(regex: RegExp, text: string): RegExpExecArray | undefined {
	regex.lastIndex = 0;
	let last: RegExpExecArray | undefined;
	for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
		last = match;
		if (match[0] === '') {
			regex.lastIndex++;
		}
	}

	if (last === undefined || last[0] === '') {
		return undefined;
	}

	return text.slice(last.index + last[0].length).trim() === '' ? last : undefined;
}

export function createPromptBroker(options: PromptBrokerOptions): PromptBroker {
	const idleMs = options.idleMs ?? 1500;
	const secrets = options.rules.flatMap(rule => (typeof rule.answer === 'string' ? [] : [rule.answer.value]));
	if (options.sudoPassword !== undefined) {
		secrets.push(options.sudoPassword);
	}

	const scrubber = createSecretScrubber(secrets);
	const rules: CompiledRule[] = [
		{regex: new RegExp(escapeRegex(sudoPrompt), 'g'), answer: options.sudoPassword ?? '', shownAnswer: 'the sudo password', description: 'sudo password', kind: 'sudo', answered: 0},
		...options.rules.map((rule): CompiledRule => ({
			regex: new RegExp(rule.match, 'gm'),
			answer: typeof rule.answer === 'string' ? rule.answer : rule.answer.value,
			shownAnswer: typeof rule.answer === 'string' ? `'${rule.answer}'` : `the secret ${rule.answer.secret}`,
			description: rule.description,
			kind: 'rule',
			answered: 0,
		})),
	];

	let channel: InputChannel | undefined;
	/** Output not yet consumed by an answer (both streams, in arrival order). */
	let pending = '';
	let timer: ReturnType<typeof setTimeout> | undefined;
	let generation = 0;
	let stopped = false;
	let sudoAnswered = false;

	const fail = (reason: string) => {
		if (!stopped && channel !== undefined) {
			stopped = true;
			clearIdle();
			channel.fail(reason);
		}
	};

	const type = (answer: string) => {
		channel?.write(`${answer}\n`);
	};

	function clearIdle() {
		if (timer !== undefined) {
			clearTimeout(timer);
			timer = undefined;
		}
	}

	const answerKnownPrompt = (): void => {
		if (sudoAnswered && pending.includes(sudoRetryMessage)) {
			fail('sudo rejected the password');
			return;
		}

		for (const rule of rules) {
			const match = matchAtTail(rule.regex, pending);
			if (match === undefined) {
				continue;
			}

			pending = pending.slice(match.index + match[0].length);
			if (rule.kind === 'sudo') {
				if (options.sudoPassword === undefined) {
					fail('sudo asked for a password and no sudo password was given');
					return;
				}

				sudoAnswered = true;
			}

			rule.answered++;
			if (rule.answered > maxAnswersPerRule) {
				fail(`the command keeps asking (${rule.description}); answered ${maxAnswersPerRule} times`);
				return;
			}

			type(rule.answer);
			options.onAnswered?.(rule.description, rule.shownAnswer);
			return;
		}
	};

	const onIdle = async (): Promise<void> => {
		timer = undefined;
		const tail = lastLine(pending);
		if (stopped || tail.trim() === '' || !promptLikeTail.test(tail)) {
			return;
		}

		const shown = scrubber.scrub(tail);
		if (options.onUnknownPrompt === undefined) {
			fail(`waiting for input: ${shown}`);
			return;
		}

		const asked = generation;
		const answer = await options.onUnknownPrompt(shown);
		if (stopped || asked !== generation) {
			// The command went on by itself meanwhile: the answer is not wanted any more.
			return;
		}

		if (answer === undefined) {
			fail(`waiting for input: ${shown}`);
			return;
		}

		pending = '';
		type(answer);
	};

	return {
		start(inputChannel) {
			channel = inputChannel;
		},
		onOutput(chunk) {
			if (stopped) {
				return;
			}

			generation++;
			// The chunk's end only: slicing pending + a whole 64 KiB chunk would copy the chunk and keep the copy alive.
			pending = (pending + chunk.text.slice(-keptOutput)).slice(-keptOutput);
			clearIdle();
			answerKnownPrompt();
			if (!stopped) {
				timer = setTimeout(() => {
					void onIdle();
				}, idleMs);
			}
		},
		stop() {
			stopped = true;
			clearIdle();
		},
		filterOutput: chunk => scrubber.filter(chunk),
		flushOutput: () => scrubber.flush(),
	};
}
