import type {Shell} from '../domain/action-types.js';
import type {Reading} from '../domain/deployment-reading.js';
import type {Host} from '../domain/inventory-types.js';
import {renderShell} from '../domain/shell-quote.js';
import type {Executor} from '../executors/executor.js';
import {createPromptBroker} from '../executors/prompt-broker.js';
import {valueCutDetail, wholeOutputChars} from '../runner/kept-output.js';

export type {Reading} from '../domain/deployment-reading.js';

/** What every host reader needs: the host's executor, and what sudo and an interruption need. */
export interface ReadContext {
	readonly executor: Executor;
	readonly sudoPassword?: string;
	readonly signal?: AbortSignal;
	/** Default 120 s: a reader never waits for ever on a host. */
	readonly timeoutMs?: number;
}

/** Where a reading comes from, for the admin: "snf-manage component-list on astakos". */
export const readingSource = (what: string, host: Host) => `${what} on ${host.id}`;

function lastLine(text: string): string {
	return text.trim().split('\n').at(-1)?.trim() ?? '';
}

/**
 * Runs a read-only command (as root: Synnefo's settings and snf-manage need it) and parses its stdout
 * with a pure parser. A failed command or output the parser does not recognise is a problem, never an
 * empty value. `okExit` accepts exit codes that still carry the answer (dpkg-query exits 1 when a
 * package is unknown).
 */
export async function readCommand<T>(context: ReadContext, what: string, shell: Shell, parse: (stdout: string) => T, okExit: readonly number[] = [0]): Promise<Reading<T>> {
	const {executor} = context;
	const source = readingSource(what, executor.host);
	const prompts = createPromptBroker({rules: [], ...(context.sudoPassword === undefined ? {} : {sudoPassword: context.sudoPassword})});
	let result;
	try {
		result = await executor.run(renderShell(shell, 'reveal'), {
			asRoot: true,
			mutates: false,
			stdin: '',
			prompts,
			timeoutMs: context.timeoutMs ?? 120_000,
			// A reading is parsed from the whole output: more than this is never held, and gives no value.
			keepChars: wholeOutputChars,
			...(context.signal === undefined ? {} : {signal: context.signal}),
		});
	} catch (error) {
		return {ok: false, problem: (error as Error).message, source};
	}

	if (result.outcome !== 'completed') {
		return {ok: false, problem: `${result.outcome}${result.failure ? `: ${result.failure}` : ''}`, source};
	}

	if (result.exitCode === null || !okExit.includes(result.exitCode)) {
		const tail = lastLine(result.stderr) || lastLine(result.stdout);
		return {ok: false, problem: `exit code ${result.exitCode ?? `signal ${result.signal ?? '?'}`}${tail === '' ? '' : `: ${tail}`}`, source};
	}

	if (result.outputCut) {
		return {ok: false, problem: valueCutDetail, source};
	}

	try {
		return {ok: true, value: parse(result.stdout), source};
	} catch (error) {
		return {ok: false, problem: (error as Error).message, source};
	}
}
