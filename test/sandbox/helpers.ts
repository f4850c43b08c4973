import process from 'node:process';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {createSandbox} from '../../source/sandbox/create-sandbox.js';
import type {AnswersDocument, SandboxHostEntry} from '../../source/sandbox/answers-document.js';
import {buildWhenStale, repo} from '../helpers/build.js';

export {repo} from '../helpers/build.js';

const shimMain = path.join(repo, 'dist/sandbox/shim-main.cjs');

/** Builds dist/ when the sandbox sources are newer than the built shim entry point (the shims run as real processes). */
export function ensureBuilt(): void {
	buildWhenStale('dist/sandbox/shim-main.cjs', ['source/sandbox']);
	if (!fs.existsSync(shimMain)) {
		throw new Error('dist/sandbox/shim-main.cjs was not built');
	}
}

export interface Sandbox {
	readonly directory: string;
	readonly document: AnswersDocument;
	/** Runs a shell command on a sandbox host with that host's environment. */
	run(host: string, command: string, input?: string): {code: number; stdout: string; stderr: string};
	/** A path under a host's root. */
	file(host: string, relative: string): string;
}

const temporaryDirectories: string[] = [];

export function newSandbox(): Sandbox {
	const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-sandbox-test-'));
	temporaryDirectories.push(parent);
	const {directory, answersFile} = createSandbox(path.join(parent, 'sb'));
	const document = JSON.parse(fs.readFileSync(answersFile, 'utf8')) as AnswersDocument;
	const hosts = new Map<string, SandboxHostEntry>();
	const all = [document.inventory.astakos, document.inventory.cyclades, document.inventory.pithos, document.inventory.stats, ...document.inventory.ganeti.flatMap(backend => backend.nodes)];
	for (const host of all) {
		hosts.set(host.name, host);
	}

	return {
		directory,
		document,
		run(host, command, input = '') {
			const entry = hosts.get(host);
			if (!entry) {
				throw new Error(`no host ${host}`);
			}

			// setsid: a new session without a controlling terminal, as under a runner (getpass then reads stdin).
			const result = spawnSync('setsid', ['-w', 'sh', '-c', command], {input, encoding: 'utf8', env: {...process.env, ...entry.local.env}, cwd: entry.local.root});
			return {code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr};
		},
		file: (host, relative) => path.join(directory, host, relative),
	};
}

export function removeSandboxes(): void {
	for (const directory of temporaryDirectories.splice(0)) {
		fs.rmSync(directory, {recursive: true, force: true});
	}
}
