/**
 * Network-namespace "hosts" for the staging tests (test-hosts.sh, reference/real-hosts.md §1.6, §2, §6).
 * The vitest process stays in the machine's namespaces: it reaches the hosts only through exec(), and runs
 * anything that needs the private LAN (ssh, the built CLI) inside the `admin` host with exec('admin', …).
 */
import {spawn, spawnSync} from 'node:child_process';
import {closeSync, mkdtempSync, openSync, readFileSync, rmSync} from 'node:fs';
import {randomBytes} from 'node:crypto';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll} from 'vitest';
import type {Executor} from '../../source/executors/executor.js';

export const testHostsScript = fileURLToPath(new URL('test-hosts.sh', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** $STATE/hosts.json as test-hosts.sh writes it. */
export interface HostsJson {
	readonly state: string;
	readonly nsPrefix: string;
	/** Path of the client private key (root on every host accepts it). */
	readonly key: string;
	/** Path of the known_hosts file: `astakos.test,10.77.0.11 ssh-ed25519 …`, one line per host. */
	readonly knownHosts: string;
	/** "astakos.test" → "10.77.0.11", the Ganeti cluster names included. */
	readonly hosts: Readonly<Record<string, string>>;
}

export interface ExecResult {
	readonly exitCode: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

export interface ExecOptions {
	readonly stdin?: string;
	readonly env?: Readonly<Record<string, string>>;
	/** Working directory inside the host (default: the repository root, which every host shares). */
	readonly cwd?: string;
	readonly timeoutMs?: number;
}

export interface StagingHosts {
	readonly hostsJson: HostsJson;
	/** Contents of the known_hosts file. */
	readonly knownHosts: string;
	/** Path of the client private key. */
	readonly clientKey: string;
	/** Names given to up() (without "admin"). */
	readonly names: readonly string[];
	/** Runs argv "on" a host (nsenter, no ssh). The admin host is on the LAN and resolves every *.test name. */
	exec(host: string, argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
	/** Where the host's root filesystem is visible from the machine (its holder process's /proc/PID/root). */
	rootView(host: string): string;
	/** An Executor that runs commands on the host as root (through exec, not ssh). */
	executor(host: string): Executor;
	/** Tears everything down; safe to call twice. */
	down(): Promise<void>;
	/** Seconds each phase took (up, ganeti, down). */
	readonly timings: Record<string, number>;
}

export interface UpOptions {
	/** Hosts to create besides "admin", e.g. ['astakos', 'cyclades', 'gnt1']. */
	readonly names: readonly string[];
	/** Real Ganeti clusters to create: host → cluster name (without .test). */
	readonly ganeti?: Readonly<Record<string, string>>;
}

/** Why this machine cannot run the namespace hosts, or undefined when it can. */
export async function missingPrivileges(): Promise<string | undefined> {
	if (process.getuid?.() !== 0) {
		return `the staging hosts need root (running as uid ${process.getuid?.() ?? '?'}); CI runs as root`;
	}

	const result = await run(['check'], {REALHOSTS_NS_PREFIX: `snfchk${randomBytes(3).toString('hex')}-`});
	return result.exitCode === 0 ? undefined : `${result.stdout}${result.stderr}`.trim();
}

/** Fails with a message that says which privilege is missing (never a skip: a green run must mean it ran). */
export async function assertPrivileges(): Promise<void> {
	const missing = await missingPrivileges();
	if (missing !== undefined) {
		throw new Error(`Staging test cannot run on this machine${process.env['CI'] === 'true' ? ' (CI=true)' : ''}: ${missing}. `
			+ 'It needs root with CAP_SYS_ADMIN and CAP_NET_ADMIN (ip netns, unshare --mount --uts, overlayfs).');
	}
}

/** Brings the hosts up (and Ganeti clusters), tearing down whatever was created if anything fails. */
export async function upStaging(options: UpOptions): Promise<StagingHosts> {
	await assertPrivileges();
	const state = mkdtempSync('/tmp/snf-staging-');
	const clusters = Object.values(options.ganeti ?? {});
	const env = {
		REALHOSTS_STATE: state,
		REALHOSTS_NS_PREFIX: `snf${randomBytes(3).toString('hex')}-`,
		REALHOSTS_CLUSTERS: clusters.length > 0 ? clusters.join(' ') : 'cluster',
	};
	const timings: Record<string, number> = {};
	let down = false;
	const tearDown = async () => {
		if (down) {
			return;
		}

		down = true;
		process.off('exit', tearDownSync);
		const started = performance.now();
		const result = await run(['down'], env);
		timings['down'] = seconds(started);
		rmSync(state, {recursive: true, force: true});
		if (result.exitCode !== 0) {
			throw new Error(`test-hosts.sh down failed:\n${result.stdout}${result.stderr}`);
		}
	};

	// A killed or crashed test run still removes the namespaces and their processes.
	function tearDownSync() {
		if (!down) {
			down = true;
			spawnSync('bash', [testHostsScript, 'down'], {env: {...process.env, ...env}, stdio: 'ignore'});
		}
	}

	process.on('exit', tearDownSync);
	try {
		let started = performance.now();
		await runChecked(['up-hosts', ...options.names], env);
		timings['up'] = seconds(started);
		started = performance.now();
		await Promise.all(Object.entries(options.ganeti ?? {}).map(async ([host, cluster]) =>
			runChecked(['up-ganeti', host, cluster], env)));
		timings['ganeti'] = seconds(started);
	} catch (error) {
		await tearDown().catch(() => undefined);
		throw error;
	}

	const hostsJson = JSON.parse(readFileSync(`${state}/hosts.json`, 'utf8')) as HostsJson;
	return {
		hostsJson,
		knownHosts: readFileSync(hostsJson.knownHosts, 'utf8'),
		clientKey: hostsJson.key,
		names: options.names,
		timings,
		down: tearDown,
		async exec(host, argv, execOptions = {}) {
			return execIn(env, host, argv, execOptions);
		},
		rootView: host => `/proc/${readFileSync(`${state}/hosts.d/${host}/holder.pid`, 'utf8').trim()}/root`,
		executor: host => execExecutor(env, host),
	};
}

function execExecutor(env: Record<string, string>, name: string): Executor {
	return {
		host: {id: name, target: {kind: 'ssh', host: `${name}.test`, user: 'root'}, label: `${name}.test (nsenter)`, sudo: false},
		async run(commandLine, options = {}) {
			const result = await execIn(env, name, ['sh', '-c', commandLine], {
				...(options.stdin === undefined ? {} : {stdin: options.stdin}),
				...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
			});
			return {...result, signal: null, outcome: result.exitCode === null ? 'timeout' : 'completed'};
		},
		async dispose() {},
	};
}

function seconds(started: number): number {
	return Math.round((performance.now() - started) / 100) / 10;
}

async function execIn(env: Record<string, string>, host: string, argv: readonly string[], options: ExecOptions): Promise<ExecResult> {
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [testHostsScript, 'exec', host, ...argv], {
			cwd: options.cwd ?? repoRoot,
			env: {...process.env, ...options.env, ...env},
			stdio: ['pipe', 'pipe', 'pipe'],
			timeout: options.timeoutMs,
			killSignal: 'SIGKILL',
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
		});
		child.on('error', reject);
		child.on('close', exitCode => {
			resolve({exitCode, stdout, stderr});
		});
		child.stdin.end(options.stdin ?? '');
	});
}

/**
 * Runs test-hosts.sh with its output in a file, not a pipe: the daemons it starts (sshd, Ganeti's) outlive it,
 * and an inherited pipe would never close.
 */
async function run(args: readonly string[], env: Record<string, string>): Promise<ExecResult> {
	const logDir = mkdtempSync('/tmp/snf-staging-log-');
	const log = `${logDir}/out`;
	const fd = openSync(log, 'w');
	try {
		const exitCode = await new Promise<number | null>((resolve, reject) => {
			const child = spawn('bash', [testHostsScript, ...args], {
				cwd: repoRoot,
				env: {...process.env, ...env},
				stdio: ['ignore', fd, fd],
			});
			child.on('error', reject);
			child.on('exit', code => {
				resolve(code);
			});
		});
		return {exitCode, stdout: readFileSync(log, 'utf8'), stderr: ''};
	} finally {
		closeSync(fd);
		rmSync(logDir, {recursive: true, force: true});
	}
}

async function runChecked(args: readonly string[], env: Record<string, string>): Promise<void> {
	const result = await run(args, env);
	if (result.exitCode !== 0) {
		throw new Error(`test-hosts.sh ${args.join(' ')} exited ${result.exitCode}:\n${result.stdout.slice(-4000)}`);
	}
}

/**
 * Registers beforeAll/afterAll that bring the hosts up and always tear them down; call the getter inside tests.
 * When the hosts cannot come up (no privileges, a broken package), every test of the file fails with that reason:
 * a failed test, never a skipped one, so a machine without namespaces cannot pass the staging tests.
 */
export function setupStagingHosts(options: UpOptions, upTimeoutMs = 60_000): () => StagingHosts {
	let hosts: StagingHosts | undefined;
	let failure: unknown;
	beforeAll(async () => {
		try {
			hosts = await upStaging(options);
		} catch (error) {
			failure = error;
		}
	}, upTimeoutMs);
	afterAll(async () => {
		await hosts?.down();
	}, 30_000);
	return () => {
		if (hosts === undefined) {
			throw failure instanceof Error ? failure : new Error(`the staging hosts are not up: ${String(failure)}`);
		}

		return hosts;
	};
}
