import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import type {Executor} from '../../executors/executor.js';
import {createSandbox, type CreatedSandbox} from '../create-sandbox.js';
import {backendLayout, sandboxHosts} from '../layout.js';
import {binScripts} from '../bin-scripts.js';
import {loadState, saveState} from '../state.js';
import type {SandboxState} from '../state-types.js';
import {overrideDefaultGroup, readRealCluster, realBounds} from './real-ganeti.js';
import {stagingAnswers} from './staging-answers.js';
import {isGanetiProgram, sshEnvironment, stagingBin, stagingFile, type StagingHost, type StagingRecord} from './staging-layout.js';

/** A machine that plays one sandbox host. */
export interface StagingTarget extends StagingHost {
	/**
	 * Where the machine's root filesystem is visible from here, e.g. `/proc/<pid>/root` of a process in the
	 * host's mount namespace. DIR/<sandbox host> becomes a symlink to it, so the shims and `sandbox verify`
	 * read and change the files at their real paths on that machine.
	 */
	readonly rootView: string;
	/** Runs commands on the machine as root (used to read the real Ganeti clusters). */
	readonly executor: Executor;
}

export interface StagingOptions {
	/** Sandbox host id → the machine that plays it. Sandbox hosts left out are dropped from the deployment. */
	readonly targets: Readonly<Record<string, StagingTarget>>;
	/** Backends (by name, "ganeti1") whose master runs a real Ganeti: no gnt-* shims there. */
	readonly realGaneti?: readonly string[];
	/** ipolicyDiskTemplates to put in the inventory, by backend name. */
	readonly ipolicyDiskTemplates?: Readonly<Record<string, readonly string[]>>;
	readonly force?: boolean;
}

export interface StagedSandbox extends CreatedSandbox {
	readonly staging: StagingRecord;
}

function targetOf(options: StagingOptions, host: string, why: string): StagingTarget {
	const target = options.targets[host];
	if (target === undefined) {
		throw new Error(`staging: no machine given for the sandbox host '${host}' (${why})`);
	}

	return target;
}

/** The state as the staged deployment has it: dropped hosts removed, real clusters as they really are. */
async function stageState(state: SandboxState, options: StagingOptions): Promise<StagingRecord['realGaneti']> {
	const real: Array<StagingRecord['realGaneti'][number]> = [];
	for (const host of Object.keys(state.hosts)) {
		if (options.targets[host] === undefined) {
			delete state.hosts[host];
		}
	}

	for (const layout of backendLayout) {
		const backend = state.backends.find(candidate => candidate.id === layout.id)!;
		backend.nodes = backend.nodes.filter(node => options.targets[node] !== undefined);
		if (!(options.realGaneti ?? []).includes(layout.name)) {
			continue;
		}

		const master = targetOf(options, layout.master, `master of the real backend ${layout.name}`);
		await overrideDefaultGroup(master.executor);
		const cluster = await readRealCluster(master.executor);
		backend.clustername = cluster.clustername;
		backend.ipolicy = {...cluster.ipolicy, diskTemplates: cluster.allowedDiskTemplates};
		backend.enabledDiskTemplates = cluster.enabledDiskTemplates;
		backend.nodes = [layout.master];
		backend.groups = cluster.groups.map(group => ({name: group.group, bounds: group.overrides ? realBounds(group.bounds) : null}));
		const templates = options.ipolicyDiskTemplates?.[layout.name];
		real.push({backend: layout.name, id: layout.id, master: {name: master.name, ssh: master.ssh}, ...(templates === undefined ? {} : {ipolicyDiskTemplates: templates})});
	}

	return real;
}

/**
 * Copies a directory's entries onto the same paths under a machine's root. Where the machine has a symlink to a
 * directory (Debian's /var/run → /run) the entries go into its target under that root: cp would refuse to put a
 * directory over it, and following an absolute link from here would leave the root view (/proc/PID/root).
 */
function copyOntoRoot(source: string, destination: string, root: string): void {
	for (const entry of fs.readdirSync(source, {withFileTypes: true})) {
		const from = path.join(source, entry.name);
		let to = path.join(destination, entry.name);
		if (!entry.isDirectory()) {
			fs.cpSync(from, to, {force: true, preserveTimestamps: true});
			continue;
		}

		if (fs.lstatSync(to, {throwIfNoEntry: false})?.isSymbolicLink()) {
			const link = fs.readlinkSync(to);
			to = path.isAbsolute(link) ? path.join(root, link) : path.join(destination, link);
		}

		if (!fs.existsSync(to)) {
			fs.mkdirSync(to, {recursive: true});
			fs.chmodSync(to, fs.statSync(from).mode & 0o7777);
		}

		copyOntoRoot(from, to, root);
	}
}

/** Copies the host's files to its real paths, puts the shims on it, and makes DIR/<host> a view of its root. */
function stageHost(directory: string, host: string, target: StagingTarget, shimMain: string, realMaster: boolean): void {
	const local = path.join(directory, host);
	const root = target.rootView;
	copyOntoRoot(local, root, root);

	fs.rmSync(local, {recursive: true, force: true});
	fs.symlinkSync(root, local);
	const bin = path.join(root, stagingBin);
	fs.rmSync(bin, {recursive: true, force: true});
	fs.mkdirSync(bin, {recursive: true});
	// No python3 of this machine's: the staging host's own root has its own.
	for (const [program, script] of binScripts(process.execPath, shimMain)) {
		if (!(realMaster && isGanetiProgram(program))) {
			fs.writeFileSync(path.join(bin, program), script, {mode: 0o755});
		}
	}

	const ssh = path.join(root, 'root/.ssh');
	fs.mkdirSync(ssh, {recursive: true, mode: 0o700});
	fs.writeFileSync(path.join(ssh, 'environment'), sshEnvironment(directory, host), {mode: 0o600});
}

/**
 * Creates the sandbox in `target` (a directory every machine sees at the same path: the shared state file and the
 * shims live there) and installs it onto the machines: the same 0.14.10 files at their real paths, the shims in
 * /srv/snf-sandbox/bin first on root's PATH for SSH logins (sshd needs PermitUserEnvironment yes), no gnt-* shims on
 * real Ganeti masters, and DIR/answers.json with an SSH inventory.
 */
export async function installStaging(target: string, options: StagingOptions): Promise<StagedSandbox> {
	for (const host of Object.keys(options.targets)) {
		if (!(sandboxHosts as readonly string[]).includes(host)) {
			throw new Error(`staging: '${host}' is not a sandbox host (${sandboxHosts.join(', ')})`);
		}
	}

	const created = createSandbox(target, {force: options.force ?? false});
	const {directory} = created;
	const state = loadState(directory);
	for (const role of ['astakos', 'cyclades', 'pithos', 'stats', 'vncauthproxy', 'db'] as const) {
		targetOf(options, state.roles[role], `the ${role} role`);
	}

	const realGaneti = await stageState(state, options);
	saveState(directory, state);
	const realMasters = new Set(realGaneti.map(real => backendLayout.find(layout => layout.id === real.id)!.master as string));
	for (const host of sandboxHosts) {
		const machine = options.targets[host];
		if (machine === undefined) {
			fs.rmSync(path.join(directory, host), {recursive: true, force: true});
		} else {
			stageHost(directory, host, machine, state.shimMain, realMasters.has(host));
		}
	}

	const staging: StagingRecord = {
		version: 1,
		hosts: Object.fromEntries(Object.entries(options.targets).map(([host, machine]) => [host, {name: machine.name, ssh: machine.ssh}])),
		realGaneti,
	};
	fs.writeFileSync(path.join(directory, stagingFile), JSON.stringify(staging, null, '\t') + '\n');
	const answers = JSON.parse(fs.readFileSync(created.answersFile, 'utf8')) as {answers: Record<string, unknown>};
	fs.writeFileSync(created.answersFile, JSON.stringify(stagingAnswers(answers.answers, state, staging, options.ipolicyDiskTemplates ?? {}), null, '\t') + '\n', {mode: 0o600});
	return {...created, staging};
}
