import type {FileEdit} from '../../source/domain/action-types.js';
import type {Host} from '../../source/domain/inventory-types.js';
import type {CommandResult, Executor, InputChannel, OutputChunk, RunOptions} from '../../source/executors/executor.js';
import type {EditOperations} from '../../source/runner/run-types.js';

/** What a scripted command sees: it can print, wait for typed input, or hang until aborted. */
export interface FakeIo {
	readonly host: Host;
	readonly command: string;
	readonly options: RunOptions;
	/** The world's shared state. */
	readonly state: Map<string, string>;
	print(text: string, stream?: OutputChunk['stream']): void;
	/** Resolves with the next line typed into the command. */
	input(): Promise<string>;
	/** Never resolves: the command runs until it is aborted. */
	hang(): Promise<never>;
}

export type FakeResult = Partial<Pick<CommandResult, 'exitCode' | 'outcome' | 'failure' | 'signal'>> | void;

export interface FakeRule {
	readonly match: RegExp;
	/** Only on this host id. */
	readonly host?: string;
	readonly run: (io: FakeIo) => FakeResult | Promise<FakeResult>;
}

export interface FakeCall {
	readonly host: string;
	readonly command: string;
	readonly options: RunOptions;
}

export interface FakeWorld {
	/** Every command run, in order of starting. */
	readonly calls: FakeCall[];
	/** Files by `host:path`, for the fake edit operations. */
	readonly files: Map<string, string>;
	/** Free-form state the scripted commands share (markers set by actions, read by probes). */
	readonly state: Map<string, string>;
	readonly executor: (host: Host) => Executor;
	readonly edits: EditOperations;
	/** Most commands running at once. */
	readonly maxConcurrent: () => number;
	/** Commands (on this host, matching) that ran. */
	count(match: RegExp, host?: string): number;
}

/**
 * A scripted executor for runner tests: the first rule whose regex matches the command line runs;
 * unmatched commands succeed silently. With `dryRun`, commands marked `mutates` are not run (like
 * the dry-run wrapper) and succeed.
 */
export function createFakeWorld(rules: readonly FakeRule[], settings: {readonly dryRun?: boolean} = {}): FakeWorld {
	const calls: FakeCall[] = [];
	const files = new Map<string, string>();
	const state = new Map<string, string>();
	let concurrent = 0;
	let maxConcurrent = 0;

	const run = async (host: Host, command: string, options: RunOptions = {}): Promise<CommandResult> => {
		if (settings.dryRun && options.mutates) {
			return {exitCode: 0, signal: null, stdout: '', stderr: '', outcome: 'completed'};
		}

		calls.push({host: host.id, command, options});
		concurrent++;
		maxConcurrent = Math.max(maxConcurrent, concurrent);
		const output = {stdout: '', stderr: ''};
		const typed: string[] = [];
		const waiting: Array<(line: string) => void> = [];
		let stop: (result: FakeResult) => void = () => {};
		const stopped = new Promise<FakeResult>(resolve => {
			stop = resolve;
		});
		const channel: InputChannel = {
			write(text) {
				const waiter = waiting.shift();
				if (waiter) {
					waiter(text);
				} else {
					typed.push(text);
				}
			},
			fail(reason) {
				stop({outcome: 'aborted', failure: reason, exitCode: null});
			},
		};
		const onAbort = () => stop({outcome: 'aborted', failure: 'aborted', exitCode: null});
		options.signal?.addEventListener('abort', onAbort, {once: true});
		const io: FakeIo = {
			host,
			command,
			options,
			state,
			print(text, stream = 'stdout') {
				let chunk: OutputChunk = {stream, text};
				options.prompts?.onOutput(chunk);
				chunk = options.prompts?.filterOutput?.(chunk) ?? chunk;
				output[stream] += chunk.text;
				options.onOutput?.(chunk);
			},
			async input() {
				const ready = typed.shift();
				return ready ?? new Promise<string>(resolve => waiting.push(resolve));
			},
			async hang() {
				return new Promise<never>(() => {});
			},
		};
		options.prompts?.start(channel);
		const rule = rules.find(candidate => (candidate.host === undefined || candidate.host === host.id) && candidate.match.test(command));
		let result: FakeResult;
		try {
			result = options.signal?.aborted ? {outcome: 'aborted', exitCode: null} : await Promise.race([Promise.resolve(rule?.run(io)), stopped]);
		} finally {
			concurrent--;
			options.signal?.removeEventListener('abort', onAbort);
			options.prompts?.stop();
			for (const chunk of options.prompts?.flushOutput?.() ?? []) {
				output[chunk.stream] += chunk.text;
				options.onOutput?.(chunk);
			}
		}

		const outcome = result?.outcome ?? 'completed';
		return {
			exitCode: result?.exitCode === undefined ? (outcome === 'completed' ? 0 : null) : result.exitCode,
			signal: result?.signal ?? null,
			stdout: output.stdout,
			stderr: output.stderr,
			outcome,
			...(result?.failure === undefined ? {} : {failure: result.failure}),
		};
	};

	const applyEdit = (text: string, edit: FileEdit) => {
		const value = edit.op === 'python-set' ? JSON.stringify(typeof edit.value === 'object' && edit.value !== null && 'secret' in edit.value ? edit.value.value : edit.value) : '';
		const lines = text.split('\n').filter(line => line !== '' && !line.startsWith(`${'name' in edit ? edit.name : ''} =`));
		return edit.op === 'python-set' ? `${[...lines, `${edit.name} = ${value}`].join('\n')}\n` : `${lines.join('\n')}\n`;
	};

	return {
		calls,
		files,
		state,
		maxConcurrent: () => maxConcurrent,
		count: (match, host) => calls.filter(call => match.test(call.command) && (host === undefined || call.host === host)).length,
		executor: host => ({host, run: async (command, options) => run(host, command, options), async dispose() {}}),
		edits: {
			async read(executor, path) {
				const text = files.get(`${executor.host.id}:${path}`) ?? '';
				return {path, target: path, text, sha256: String(text.length), mode: 0o644, uid: 0, gid: 0};
			},
			preview(snapshot, edits) {
				const text = edits.reduce(applyEdit, snapshot.text);
				const masked = edits.reduce((current, edit) => applyEdit(current, edit.op === 'python-set' && typeof edit.value === 'object' && edit.value !== null && 'secret' in edit.value ? {...edit, value: '••••'} : edit), snapshot.text);
				return {text, diff: `--- ${snapshot.path}\n+++ ${snapshot.path}\n${masked.split('\n').filter(Boolean).map(line => `+${line}`).join('\n')}\n`};
			},
			async write(executor, snapshot, text) {
				files.set(`${executor.host.id}:${snapshot.path}`, text);
				return {detail: `written (${text.length} bytes)`};
			},
		},
	};
}
