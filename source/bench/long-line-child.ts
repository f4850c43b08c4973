import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import process from 'node:process';
import type {Host} from '../domain/inventory-types.js';
import type {PlannedStep} from '../domain/plan-types.js';
import {createRedactor} from '../domain/redact.js';
import {sections} from '../domain/sections.js';
import type {Executor} from '../executors/executor.js';
import {createLocalExecutor} from '../executors/local-executor.js';
import {createSshExecutor} from '../executors/ssh/create-ssh-executor.js';
import type {RunEvent} from '../runner/events.js';
import {createLinePrinter} from '../runner/line-printer.js';
import {runPlan} from '../runner/run-plan.js';
import {openJournal} from '../state/journal.js';
import {createTranscript} from '../state/transcript.js';

/** What the long-line child is given (one JSON argument). */
export interface LongLineChildInput {
	readonly dir: string;
	/** The step's one command (a shell script), run as an action without a check, as most run steps are. */
	readonly script: string;
	/** Secrets the redactor masks. */
	readonly secrets: readonly string[];
	/** Run the command over SSH to 127.0.0.1 (the sshd test helper's port and keys), else locally. */
	readonly ssh?: {readonly port: number; readonly user: string; readonly clientKey: string; readonly knownHosts: string};
}

/** What it prints (one JSON line). */
export interface LongLineChildOutput {
	/** This process's peak resident set (kB). */
	readonly maxRssKb: number;
	readonly outcome: string;
	/** Output events: how many, and the longest text of one. */
	readonly outputEvents: number;
	readonly longestOutputEvent: number;
	/** The longest single write of the line printer (`run --yes`). */
	readonly longestPrinted: number;
	/** Whether any secret appeared in an output event or in what the line printer wrote. */
	readonly secretSeen: boolean;
	/** The failure's output tail (the step's command fails at the end). */
	readonly outputTail: string | undefined;
	readonly transcript: string;
}

function executorFor(input: LongLineChildInput, host: Host): Executor {
	if (input.ssh === undefined) {
		return createLocalExecutor(host);
	}

	const config = join(input.dir, 'ssh_config');
	writeFileSync(config, `Host *\n  IdentityFile ${input.ssh.clientKey}\n`);
	return createSshExecutor(host, {knownHostsPath: input.ssh.knownHosts, sshConfigPath: config, homeDir: join(input.dir, 'home'), agentSocket: null});
}

function unused(): never {
	throw new Error('the long-line step edits no file');
}

/**
 * One run step through the real runner, executor, transcript and line printer, in a process of its own so
 * that its peak RSS is this run's alone: what a command printing a very long line costs snf-upgrade.
 */
async function main(input: LongLineChildInput): Promise<LongLineChildOutput> {
	const host: Host = input.ssh === undefined
		? {id: 'local', label: 'local', sudo: false, target: {kind: 'local', root: '', env: {}}}
		: {id: 'ssh', label: 'ssh', sudo: false, target: {kind: 'ssh', user: input.ssh.user, host: '127.0.0.1', port: input.ssh.port}};
	const step: PlannedStep = {
		id: 'long', section: sections[0]!, title: 'Print one long line', why: 'bench', notes: [], facts: [], probes: [], missing: [], rerunSafe: true,
		actions: [{kind: 'command', host, shell: {pipeline: [{script: input.script}]}, mutates: true, asRoot: false, prompts: [], pty: false}],
	};
	const redact = createRedactor(input.secrets);
	const executor = executorFor(input, host);
	const transcript = createTranscript(join(input.dir, 'transcripts'), {redact, label: 'long'});
	let outputEvents = 0;
	let longestOutputEvent = 0;
	let longestPrinted = 0;
	let secretSeen = false;
	let outputTail: string | undefined;
	const seen = (text: string) => {
		secretSeen ||= input.secrets.some(secret => text.includes(secret));
	};

	const print = createLinePrinter({
		write(text) {
			longestPrinted = Math.max(longestPrinted, text.length);
			seen(text);
		},
		redact,
	});
	try {
		const result = await runPlan({
			steps: [step],
			executors: {get: () => executor},
			journal: openJournal(join(input.dir, 'journals'), [host.label]),
			transcript,
			redact,
			confirm: async () => true,
			question: async () => undefined,
			onEvent(event: RunEvent) {
				if (event.type === 'output') {
					outputEvents++;
					longestOutputEvent = Math.max(longestOutputEvent, event.text.length);
					seen(event.text);
				}

				if (event.type === 'step-failed') {
					outputTail = event.outputTail;
				}

				print(event);
			},
			edits: {read: unused, preview: unused, write: unused},
			answersHash: 'bench',
		});
		return {maxRssKb: process.resourceUsage().maxRSS, outcome: result.outcome, outputEvents, longestOutputEvent, longestPrinted, secretSeen, outputTail, transcript: transcript.file!};
	} finally {
		await executor.dispose();
	}
}

const output = await main(JSON.parse(process.argv[2]!) as LongLineChildInput);
process.stdout.write(`${JSON.stringify(output)}\n`);
