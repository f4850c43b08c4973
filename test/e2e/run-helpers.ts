import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {buildWhenStale, repo} from '../helpers/build.js';

export const cli = path.join(repo, 'dist/cli.js');

/** Builds dist/ when any source is newer than dist/cli.js (one builder at a time across test workers). */
export function ensureCliBuilt(): void {
	buildWhenStale('dist/cli.js', ['source']);
}

export interface CliResult {
	readonly code: number | null;
	readonly signal: NodeJS.Signals | null;
	readonly stdout: string;
	readonly stderr: string;
}

/** Runs the built CLI to the end. */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
	return runCollected(process.execPath, [cli, ...args], env);
}

/** Runs a program to the end with CI=true and no stdin, collecting its output. */
export async function runCollected(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {env: {...process.env, CI: 'true', ...env}, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({code, signal, stdout, stderr}));
	});
}

/** Every file under a directory, recursively. */
export function filesUnder(directory: string): string[] {
	if (!fs.existsSync(directory)) {
		return [];
	}

	return fs.readdirSync(directory, {withFileTypes: true}).flatMap(entry => {
		const full = path.join(directory, entry.name);
		return entry.isDirectory() ? filesUnder(full) : [full];
	});
}

interface SandboxHostEntry {
	name: string;
	local: {root: string; env: Record<string, string>};
}

/** A snf-manage subcommand held on one sandbox host until the test lets it go, with every call logged. */
export interface HeldCommand {
	/** The held subcommand has started on the host. */
	started(): boolean;
	/** The held subcommand has finished on the host. */
	finished(): boolean;
	/** Lets the held subcommand (and every later call) go on. */
	release(): void;
	/** Forgets that it started, to catch the next call. */
	rearm(): void;
	/** How many times snf-manage ran this subcommand on the host. */
	calls(subcommand: string): number;
	/** A process of the wrapper is still alive. */
	running(): boolean;
}

/**
 * Puts wrappers first on the PATH of one sandbox host: they log every snf-manage call (also those made through
 * snf-manage's entry point, `python -c PROGRAM SUBCOMMAND …`, which feeds a secret on stdin) and hold
 * `subcommand` until release(), so a test can catch a run in the middle of a step.
 */
export function holdSnfManage(sandbox: string, work: string, hostName: string, subcommand: string): HeldCommand {
	const marks = path.join(work, 'marks');
	const wrappers = path.join(work, 'wrap');
	fs.mkdirSync(marks, {recursive: true});
	fs.mkdirSync(wrappers, {recursive: true});
	for (const program of ['snf-manage', 'python']) {
		fs.writeFileSync(path.join(wrappers, program), [
			'#!/bin/sh',
			program === 'python' ? 'if [ "$1" = -c ]; then sub="$3"; else sub=; fi' : 'sub="$1"',
			`[ -z "$sub" ] || echo "$sub" >> '${marks}/calls'`,
			// Held until go, or until the test's directory is gone (a failed test never leaves the wrapper behind).
			`case "$sub" in ${subcommand}) touch '${marks}/started'; while [ ! -e '${marks}/go' ] && [ -d '${marks}' ]; do sleep 0.05; done;; esac`,
			`'${path.join(sandbox, 'bin', program)}' "$@"`,
			'status=$?',
			`case "$sub" in ${subcommand}) touch '${marks}/finished';; esac`,
			'exit $status',
			'',
		].join('\n'), {mode: 0o755});
	}

	const file = path.join(sandbox, 'answers.json');
	const document = JSON.parse(fs.readFileSync(file, 'utf8')) as {inventory: Record<string, unknown>};
	for (const entry of Object.values(document.inventory)) {
		const host = entry as SandboxHostEntry;
		if (host.name === hostName) {
			host.local.env.PATH = `${wrappers}:${host.local.env.PATH}`;
		}
	}

	fs.writeFileSync(file, JSON.stringify(document), {mode: 0o600});
	return {
		started: () => fs.existsSync(path.join(marks, 'started')),
		finished: () => fs.existsSync(path.join(marks, 'finished')),
		release: () => fs.writeFileSync(path.join(marks, 'go'), ''),
		rearm: () => fs.rmSync(path.join(marks, 'started'), {force: true}),
		calls: name => fs.readFileSync(path.join(marks, 'calls'), 'utf8').split('\n').filter(line => line === name).length,
		running: () => execFileSync('ps', ['-eo', 'args'], {encoding: 'utf8'}).includes(wrappers),
	};
}
