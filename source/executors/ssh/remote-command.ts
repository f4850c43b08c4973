import {StringDecoder} from 'node:string_decoder';
import type {Client, ClientChannel} from 'ssh2';
import {abortReason} from '../abort-reason.js';
import type {CommandResult, OutputChunk, RunOptions} from '../executor.js';
import {routeInput} from '../input-routing.js';
import {createOutputCollector} from '../output-collector.js';
import {killRemoteGroup, pidMarkerPattern} from './remote-kill.js';

export interface CommandContext {
	readonly client: Client;
	/** How the host is named in failure texts. */
	readonly hostLabel: string;
	/** Wraps the kill script (with sudo when the command ran as root through sudo without a password). */
	readonly wrapKill: (line: string) => string;
	/** True once the connection the channel belongs to has closed. */
	readonly connectionLost: () => boolean;
}

type Ending = {readonly outcome: 'timeout' | 'aborted'; readonly failure: string};

const markerSearchLimit = 64 * 1024;

const exits = new WeakMap<ClientChannel, {code: number | null; signal: string | null}>();

/**
 * Must be called in the exec callback itself: ssh2 may parse the whole life of a fast command (data,
 * exit-status, EOF, close) from one TCP read, before a promise continuation could attach listeners,
 * and the 'exit' event is not replayed (data is buffered, exit is not).
 */
export function recordExit(channel: ClientChannel): void {
	channel.on('exit', (code: number | null, signal?: string) => {
		exits.set(channel, {code: typeof code === 'number' ? code : null, signal: signal ?? null});
	});
}

/** Runs one command on an open exec channel and settles with its result; never rejects. */
export async function runOnChannel(channel: ClientChannel, context: CommandContext, options: RunOptions & {readonly sudoPassword: boolean}): Promise<CommandResult> {
	const pty = options.pty === true;
	const markerStream: OutputChunk['stream'] = pty ? 'stdout' : 'stderr';
	const decoders = {stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8')};
	const collector = createOutputCollector({pty, prompts: options.prompts, onOutput: options.onOutput, keepChars: options.keepChars});
	let pid: number | undefined;
	let pending = '';
	let markerDone = false;
	let ending: Ending | undefined;
	let killing: Promise<void> | undefined;
	let inputStarted = false;
	let closed = false;

	const emit = (stream: OutputChunk['stream'], chunk: string): void => {
		collector.push(stream, chunk);
	};

	const sendKill = (): void => {
		if (killing !== undefined || closed) {
			return;
		}

		killing = pid === undefined
			? Promise.resolve().then(() => {
				channel.close();
			})
			: killRemoteGroup(context.client, pid, context.wrapKill);
	};

	const end = (reason: Ending): void => {
		if (ending !== undefined || closed) {
			return;
		}

		ending = reason;
		if (markerDone) {
			sendKill();
		} else {
			// The pid arrives with the first output; give it a moment, then drop the channel.
			setTimeout(sendKill, 3000).unref();
		}
	};

	const routeStdin = routeInput(
		{writable: () => !closed && channel.writable, write: text => channel.write(text), end: text => channel.end(text)},
		{...(options.stdin === undefined ? {} : {stdin: options.stdin}), ...(options.prompts === undefined ? {} : {prompts: options.prompts}), sudoPassword: options.sudoPassword},
		reason => {
			end({outcome: 'aborted', failure: reason});
		},
	);
	const startInput = (): void => {
		if (!inputStarted) {
			inputStarted = true;
			routeStdin();
		}
	};

	const markerFound = (): void => {
		markerDone = true;
		startInput();
		if (ending !== undefined) {
			sendKill();
		}
	};

	const onData = (stream: OutputChunk['stream'], data: Buffer): void => {
		const chunk = decoders[stream].write(data);
		if (stream !== markerStream || markerDone) {
			emit(stream, chunk);
			return;
		}

		pending += chunk;
		const match = pidMarkerPattern.exec(pending);
		if (match) {
			pid = Number(match[1]);
			const rest = pending.slice(0, match.index) + pending.slice(match.index + match[0].length);
			pending = '';
			emit(stream, rest);
			markerFound();
		} else if (pending.length > markerSearchLimit) {
			emit(stream, pending);
			pending = '';
			markerFound();
		}
	};

	return new Promise<CommandResult>(resolve => {
		const timer = options.timeoutMs === undefined
			? undefined
			: setTimeout(() => {
				end({outcome: 'timeout', failure: `timed out after ${options.timeoutMs! / 1000} s`});
			}, options.timeoutMs);
		const onAbort = (): void => {
			end({outcome: 'aborted', failure: abortReason(options.signal)});
		};

		const onKill = (): void => {
			end({outcome: 'aborted', failure: abortReason(options.killSignal)});
			if (pid !== undefined && !closed) {
				void killRemoteGroup(context.client, pid, context.wrapKill, true);
			}
		};

		options.signal?.addEventListener('abort', onAbort, {once: true});
		options.killSignal?.addEventListener('abort', onKill, {once: true});
		channel.on('data', (data: Buffer) => {
			onData('stdout', data);
		});
		channel.stderr.on('data', (data: Buffer) => {
			onData('stderr', data);
		});
		channel.on('close', () => {
			closed = true;
			const exit = exits.get(channel);
			if (timer !== undefined) {
				clearTimeout(timer);
			}

			options.signal?.removeEventListener('abort', onAbort);
			options.killSignal?.removeEventListener('abort', onKill);
			for (const stream of ['stdout', 'stderr'] as const) {
				emit(stream, (stream === markerStream && !markerDone ? pending : '') + decoders[stream].end());
			}

			const {stdout, stderr, cut} = collector.finish();
			const base = {stdout, stderr, ...(cut ? {outputCut: true as const} : {})};
			options.prompts?.stop();
			let result: CommandResult;
			if (ending !== undefined) {
				result = {...base, exitCode: exit?.code ?? null, signal: exit?.signal ?? null, outcome: ending.outcome, failure: ending.failure};
			} else if (exit === undefined) {
				const what = context.connectionLost()
					? `the connection to ${context.hostLabel} was lost`
					: `the SSH channel on ${context.hostLabel} closed without an exit status`;
				result = {
					...base,
					exitCode: null,
					signal: null,
					outcome: 'unknown',
					failure: `${what} while the command ran: it may or may not have taken effect. Check the host before running it again.`,
				};
			} else {
				result = {...base, exitCode: exit.code, signal: exit.signal, outcome: 'completed'};
			}

			void (killing ?? Promise.resolve()).then(() => {
				resolve(result);
			});
		});
		if (!pty) {
			startInput();
		}

		if (options.signal?.aborted) {
			onAbort();
		}
	});
}
