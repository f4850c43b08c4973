import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import type {Host} from '../domain/inventory-types.js';
import type {PlannedStep} from '../domain/plan-types.js';
import {createRedactor} from '../domain/redact.js';
import {sections} from '../domain/sections.js';
import {createSshExecutor} from '../executors/ssh/create-ssh-executor.js';
import {createExecutorPool} from '../runner/executor-pool.js';
import {lockDeployment} from '../runner/deployment-lock.js';
import {createLinePrinter} from '../runner/line-printer.js';
import {preflight} from '../runner/preflight.js';
import {runPlan} from '../runner/run-plan.js';
import {openJournal} from '../state/journal.js';
import {createTranscript} from '../state/transcript.js';
import {treeCpuSeconds} from './processes.js';

/** What the fan-out bench hands its child process (as one JSON argument). */
export interface FanOutChildInput {
	readonly dir: string;
	readonly port: number;
	readonly clientKey: string;
	readonly knownHosts: string;
	readonly addresses: readonly string[];
	readonly parallel: number;
	/** argv of the step's one command on every host (e.g. ['sleep', '1']). */
	readonly argv: readonly string[];
	/** The sshd listener, whose process tree (per-connection sshd processes, the shells) is the server's side. */
	readonly sshdPid: number;
}

/** Wall and CPU seconds of one phase. */
export interface PhaseFigures {
	readonly seconds: number;
	/** This process's CPU (snf-upgrade's side). */
	readonly cpuSeconds: number;
	/** sshd's process tree's CPU (the hosts' side). */
	readonly sshdCpuSeconds: number;
}

/** What the child prints (one JSON line): the cold connect (the preflight), the deployment lock taken and released, the step, its own peak RSS, the hosts that failed. */
export interface FanOutChildOutput {
	readonly connect: PhaseFigures;
	readonly lock: PhaseFigures;
	readonly step: PhaseFigures;
	readonly maxRssKb: number;
	readonly failed: readonly string[];
}

async function timed(sshdPid: number, body: () => Promise<void>): Promise<PhaseFigures> {
	const sshdBefore = treeCpuSeconds(sshdPid);
	const start = performance.now();
	const cpuBefore = process.cpuUsage();
	await body();
	const cpu = process.cpuUsage(cpuBefore);
	const seconds = (performance.now() - start) / 1000;
	return {seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, sshdCpuSeconds: treeCpuSeconds(sshdPid) - sshdBefore};
}

/** One changing step with the same command on every host, as a catalogue step renders (e.g. apt-get install on every node). */
function fanOutStep(hosts: readonly Host[], argv: readonly string[]): PlannedStep {
	return {
		id: 'bench-fan-out',
		section: sections.find(section => section.id === 'packages')!,
		title: `${argv.join(' ')} on every host`,
		why: 'bench',
		notes: [],
		facts: [],
		actions: hosts.map(host => ({kind: 'command', host, shell: {pipeline: [{argv}]}, mutates: true, asRoot: true, prompts: [], pty: false})),
		probes: [],
		rerunSafe: true,
		missing: [],
	};
}

/**
 * Runs in a process of its own, so that its peak RSS is the fan-out's alone. The path of `run --yes`:
 * the preflight over the executor pool opens one connection per host (timed apart: the cold connect),
 * the deployment lock is taken and released on every host over those connections, then runPlan runs one changing step on every host over those connections, at most `parallel` at once,
 * with a real journal (fsynced records), transcript, line printer and command registration.
 */
async function main(input: FanOutChildInput): Promise<FanOutChildOutput> {
	const config = join(input.dir, 'fanout_ssh_config');
	writeFileSync(config, `Host *\n  IdentityFile ${input.clientKey}\n`);
	const pool = createExecutorPool(host => createSshExecutor(host, {knownHostsPath: input.knownHosts, sshConfigPath: config, homeDir: join(input.dir, 'home'), agentSocket: null}));
	const hosts: Host[] = input.addresses.map(address => ({id: address, label: address, sudo: false, target: {kind: 'ssh', user: 'root', host: address, port: input.port}}));
	const state = join(input.dir, 'state');
	mkdirSync(state, {recursive: true});
	const failed: string[] = [];
	try {
		const connect = await timed(input.sshdPid, async () => {
			for (const {host, problem} of await preflight(hosts, pool, {parallel: input.parallel})) {
				failed.push(`${host.id}: preflight: ${problem}`);
			}
		});
		// As run --yes after its preflight: the deployment lock on every host (each its own lock directory: one sshd is all the hosts).
		const lock = await timed(input.sshdPid, async () => {
			const taken = await lockDeployment({
				hosts,
				executors: pool,
				holder: {run: 'bench', user: 'bench', machine: 'bench', pid: process.pid, since: new Date().toISOString(), stateDir: state},
				breakLock: false,
				runsHere: () => true,
				thisMachine: 'bench',
				parallel: input.parallel,
				directory: host => join(input.dir, 'locks', host.id),
			});
			failed.push(...(taken.ok ? await taken.release() : taken.problems).map(problem => `lock: ${problem}`));
		});
		const journal = openJournal(join(state, 'journals'), hosts.map(host => host.label));
		const transcript = createTranscript(join(state, 'transcripts'), {redact: text => text, label: 'run'});
		const step = await timed(input.sshdPid, async () => {
			const result = await runPlan({
				steps: [fanOutStep(hosts, input.argv)],
				executors: pool,
				journal,
				transcript,
				redact: createRedactor([]),
				confirm: async () => true,
				question: async () => undefined,
				// What `run --yes` prints, thrown away here (the stream bench measures the terminal).
				onEvent: createLinePrinter({write() {}, redact: text => text}),
				edits: {read: unused, preview: unused, write: unused},
				parallel: input.parallel,
				answersHash: 'bench',
				registerCommands: {run: 'bench', directory: () => join(input.dir, 'registry')},
			});
			failed.push(...result.failures.map(failure => `${failure.host}: ${failure.message}`));
		});
		return {connect, lock, step, maxRssKb: process.resourceUsage().maxRSS, failed};
	} finally {
		await pool.dispose();
	}
}

function unused(): never {
	throw new Error('the fan-out bench step edits no file');
}

const output = await main(JSON.parse(process.argv[2]!) as FanOutChildInput);
process.stdout.write(`${JSON.stringify(output)}\n`);
