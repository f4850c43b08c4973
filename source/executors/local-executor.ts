import process from 'node:process';
import {StringDecoder} from 'node:string_decoder';
import {execa} from 'execa';
import type {Host} from '../domain/inventory-types.js';
import {OperationError} from '../domain/errors.js';
import {abortReason} from './abort-reason.js';
import type {CommandResult, Executor, RunOptions} from './executor.js';
import {routeInput} from './input-routing.js';
import {commandEnv} from './command-env.js';
import {commandArgv} from './local-command-argv.js';
import {createOutputCollector} from './output-collector.js';
import {type RootMode, wrapAsRoot} from './sudo.js';

export interface LocalExecutorOptions {
	/** sudo asks for a password (typed by the prompt broker) instead of running with `-n`. */
	readonly sudoWithPassword?: boolean;
	/** Secret values: inherited environment variables holding one are not passed to commands (see commandEnv). */
	readonly secrets?: readonly string[];
}

/** After SIGTERM to the process group, how long before SIGKILL. */
const killGraceMs = 1000;

export function localRootMode(host: Host, options: LocalExecutorOptions): RootMode {
	if (process.getuid?.() === 0 || !host.sudo) {
		return 'direct';
	}

	return options.sudoWithPassword ? 'sudo-password' : 'sudo';
}

/**
 * Runs commands on this machine with execa. Every command runs in its own process group (detached),
 * so an abort or a timeout kills the whole tree, not just the shell; and the group dies with
 * snf-upgrade (see groupGuard).
 */
export function createLocalExecutor(host: Host, options: LocalExecutorOptions = {}): Executor {
	if (host.target.kind !== 'local') {
		throw new Error(`createLocalExecutor: host ${host.id} is not a local target`);
	}

	const targetEnv = host.target.env;
	const mode = localRootMode(host, options);

	const run = async (commandLine: string, runOptions: RunOptions = {}): Promise<CommandResult> => {
		const {prompts, signal, timeoutMs} = runOptions;
		const pty = runOptions.pty ?? false;
		const sudoPassword = runOptions.asRoot === true && mode === 'sudo-password';
		if (sudoPassword && prompts === undefined) {
			throw new OperationError('sudo needs a password here, and the command has no prompt broker to type it', {
				host: host.label,
				hint: 'run it with a prompt broker that holds the sudo password',
			});
		}

		if (signal?.aborted) {
			return {exitCode: null, signal: null, stdout: '', stderr: '', outcome: 'aborted', failure: abortReason(signal)};
		}

		const line = runOptions.asRoot ? wrapAsRoot(commandLine, mode) : commandLine;
		const [file, args] = commandArgv(line, pty);
		const subprocess = execa(file, args, {
			env: commandEnv(targetEnv, pty, options.secrets),
			extendEnv: true,
			detached: true,
			reject: false,
			buffer: false,
			stdin: 'pipe',
			stdout: 'pipe',
			stderr: 'pipe',
		});

		let outcome: CommandResult['outcome'] = 'completed';
		let failure: string | undefined;
		let killTimer: ReturnType<typeof setTimeout> | undefined;
		let exited = false;
		const killGroup = (signalName: NodeJS.Signals) => {
			if (exited || subprocess.pid === undefined) {
				return;
			}

			try {
				process.kill(-subprocess.pid, signalName);
			} catch {
				// Already gone.
			}
		};

		const stop = (why: 'timeout' | 'aborted', reason: string) => {
			if (outcome !== 'completed') {
				return;
			}

			outcome = why;
			failure = reason;
			// script(1) answers SIGTERM by signalling only its shell and waiting for the pty to drain; killed,
			// it closes the pty master and the kernel hangs up the command's whole session (SIGHUP).
			killGroup(pty ? 'SIGKILL' : 'SIGTERM');
			killTimer = setTimeout(() => {
				killGroup('SIGKILL');
			}, killGraceMs);
		};

		const collector = createOutputCollector({pty, prompts, onOutput: runOptions.onOutput, keepChars: runOptions.keepChars});
		for (const stream of ['stdout', 'stderr'] as const) {
			const decoder = new StringDecoder('utf8');
			subprocess[stream].on('data', (data: Buffer) => {
				collector.push(stream, decoder.write(data));
			});
			subprocess[stream].on('end', () => {
				collector.push(stream, decoder.end());
			});
		}

		const stdin = subprocess.stdin;
		stdin.on('error', () => {
			// The command exited without reading all its input (EPIPE): its exit code tells the story.
		});
		const startInput = routeInput(
			{writable: () => !stdin.writableEnded, write: text => stdin.write(text), end: text => stdin.end(text)},
			{...(runOptions.stdin === undefined ? {} : {stdin: runOptions.stdin}), ...(prompts === undefined ? {} : {prompts}), sudoPassword},
			reason => {
				stop('aborted', reason);
			},
		);

		const onAbort = () => {
			stop('aborted', abortReason(signal));
		};

		const onKill = () => {
			stop('aborted', abortReason(runOptions.killSignal));
			killGroup('SIGKILL');
		};

		signal?.addEventListener('abort', onAbort, {once: true});
		runOptions.killSignal?.addEventListener('abort', onKill, {once: true});
		const timeout = timeoutMs === undefined ? undefined : setTimeout(() => {
			stop('timeout', `timed out after ${timeoutMs / 1000} s`);
		}, timeoutMs);

		startInput();

		try {
			const result = await subprocess;
			exited = true;
			const {stdout, stderr, cut} = collector.finish();
			return {
				exitCode: result.exitCode ?? null,
				signal: result.signal ?? null,
				stdout,
				stderr,
				...(cut ? {outputCut: true} : {}),
				outcome,
				...(failure === undefined ? {} : {failure}),
			};
		} finally {
			if (outcome !== 'completed') {
				// The leader is gone; whatever it left in its group goes too.
				exited = false;
				killGroup('SIGKILL');
			}

			exited = true;
			prompts?.stop();
			signal?.removeEventListener('abort', onAbort);
			runOptions.killSignal?.removeEventListener('abort', onKill);
			clearTimeout(timeout);
			clearTimeout(killTimer);
			if (!stdin.writableEnded) {
				stdin.end();
			}
		}
	};

	return {
		host,
		run,
		async dispose() {
			// Nothing is kept open between commands.
		},
	};
}
