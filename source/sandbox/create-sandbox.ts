import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {InputError} from '../domain/errors.js';
import {answersDocument} from './answers-document.js';
import {markDaemon, writeDpkgList} from './daemon-files.js';
import {hostDirectories, hostFiles} from './files/host-files.js';
import {answersFile, extraGanetiNodes, markerFile, modelHost, sandboxHosts, usualGanetiNodes} from './layout.js';
import {initialState} from './initial-state.js';
import {binScripts, hostPython3} from './bin-scripts.js';
import {wrapperScript} from './shim-programs.js';
import {saveState} from './state.js';

/**
 * dist/sandbox/shim-main.cjs (the shims bundled as one CommonJS file, see source/build/bundle-cli.ts): from the
 * sources under vitest, the built one; from dist/sandbox/ (tsc's output) or dist/chunks/ (the bundled CLI), the
 * one beside them.
 */
export function shimMainPath(): string {
	const here = fileURLToPath(import.meta.url);
	if (here.endsWith('.ts')) {
		return path.resolve(path.dirname(here), '../../dist/sandbox/shim-main.cjs');
	}

	return path.resolve(path.dirname(here), '../sandbox/shim-main.cjs');
}

function prepareDirectory(directory: string, force: boolean): void {
	if (!fs.existsSync(directory)) {
		return;
	}

	if (!fs.statSync(directory).isDirectory()) {
		throw new InputError(`${directory} exists and is not a directory.`, 'Choose another path for the sandbox.');
	}

	if (fs.readdirSync(directory).length === 0) {
		return;
	}

	if (!force) {
		throw new InputError(`${directory} already exists and is not empty.`, 'Add --force to replace an earlier sandbox there, or choose another directory.');
	}

	if (!fs.existsSync(path.join(directory, markerFile))) {
		throw new InputError(`${directory} does not look like a sandbox (no ${markerFile} in it); refusing to delete it.`, 'Choose an empty or new directory.');
	}

	fs.rmSync(directory, {recursive: true, force: true});
}

export interface CreatedSandbox {
	readonly directory: string;
	readonly answersFile: string;
}

export interface SandboxOptions {
	/** Replace an earlier sandbox in the directory. */
	readonly force?: boolean;
	/** Ganeti nodes in all (default and least: the usual 3); the extra ones join ganeti1, each like ganeti1-node2 (the fleet bench). */
	readonly ganetiNodes?: number;
}

/** Creates a Synnefo 0.14.10 rehearsal deployment in `directory` (issue 4, items 1 and 2). */
export function createSandbox(target: string, options: SandboxOptions = {}): CreatedSandbox {
	const directory = path.resolve(target);
	const ganetiNodes = options.ganetiNodes ?? usualGanetiNodes;
	if (!Number.isInteger(ganetiNodes) || ganetiNodes < usualGanetiNodes) {
		throw new RangeError(`createSandbox: ganetiNodes must be an integer >= ${usualGanetiNodes}, got ${ganetiNodes}`);
	}

	const extraNodes = extraGanetiNodes(ganetiNodes);
	prepareDirectory(directory, options.force ?? false);
	fs.mkdirSync(directory, {recursive: true});
	fs.writeFileSync(path.join(directory, markerFile), 'snf-upgrade sandbox: a simulated Synnefo 0.14.10 deployment\n');
	for (const host of [...sandboxHosts, ...extraNodes]) {
		const root = path.join(directory, host);
		for (const [file, content] of Object.entries(hostFiles[modelHost(host)])) {
			fs.mkdirSync(path.dirname(path.join(root, file)), {recursive: true});
			fs.writeFileSync(path.join(root, file), content);
		}

		for (const folder of hostDirectories[modelHost(host)] ?? []) {
			fs.mkdirSync(path.join(root, folder), {recursive: true});
		}

		// What the preflight reads to tell this deployment from another (a sandbox made again here is another one).
		fs.writeFileSync(path.join(root, 'etc/machine-id'), `${randomBytes(16).toString('hex')}\n`);
	}

	const shimMain = shimMainPath();
	const bin = path.join(directory, 'bin');
	fs.mkdirSync(bin);
	for (const [program, script] of binScripts(process.execPath, shimMain, hostPython3())) {
		fs.writeFileSync(path.join(bin, program), script, {mode: 0o755});
	}

	// Shipped with snf-cyclades-app 0.14.10; update_to_floating_ips arrives with the 0.15 package.
	fs.writeFileSync(path.join(directory, 'cyclades/usr/lib/synnefo/tools/add_unique_name_to_nics'), wrapperScript(process.execPath, shimMain, 'add_unique_name_to_nics'), {mode: 0o755});
	const state = initialState(shimMain, Date.now(), extraNodes);
	saveState(directory, state);
	for (const [host, {packages, services}] of Object.entries(state.hosts)) {
		for (const name of Object.keys(packages)) {
			writeDpkgList(directory, host, name);
		}

		for (const [name, {running}] of Object.entries(services)) {
			markDaemon(directory, host, name, running);
		}
	}

	const answers = path.join(directory, answersFile);
	fs.writeFileSync(answers, JSON.stringify(answersDocument(directory, extraNodes), null, '\t') + '\n', {mode: 0o600});
	fs.chmodSync(answers, 0o600);
	return {directory, answersFile: answers};
}
