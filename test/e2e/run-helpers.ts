import {spawn} from 'node:child_process';
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
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cli, ...args], {env: {...process.env, CI: 'true', ...env}, stdio: ['ignore', 'pipe', 'pipe']});
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
