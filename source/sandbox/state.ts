import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {stateFile} from './layout.js';
import type {SandboxState} from './state-types.js';

const lockStaleMs = 10_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number) {
	Atomics.wait(sleeper, 0, 0, ms);
}

export function statePath(sandbox: string): string {
	return path.join(sandbox, stateFile);
}

export function loadState(sandbox: string): SandboxState {
	return JSON.parse(fs.readFileSync(statePath(sandbox), 'utf8')) as SandboxState;
}

/** Writes the whole state atomically (temp file + rename), so readers never see half a file. */
export function saveState(sandbox: string, state: SandboxState): void {
	const file = statePath(sandbox);
	const temporary = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(temporary, JSON.stringify(state, null, '\t') + '\n');
	fs.renameSync(temporary, file);
}

function acquire(lock: string): void {
	for (;;) {
		try {
			fs.mkdirSync(lock);
			return;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
				throw error;
			}
		}

		try {
			if (Date.now() - fs.statSync(lock).mtimeMs > lockStaleMs) {
				fs.rmdirSync(lock);
				continue;
			}
		} catch {
			continue;
		}

		sleep(5);
	}
}

/**
 * Reads, changes and writes the state under a lock (a directory made with mkdir, which is atomic),
 * so shims of a parallel fan-out do not lose each other's changes. `change` must not wait for input.
 */
export function updateState<T>(sandbox: string, change: (state: SandboxState) => T): T {
	const lock = path.join(sandbox, '.state.lock');
	acquire(lock);
	try {
		const state = loadState(sandbox);
		const result = change(state);
		saveState(sandbox, state);
		return result;
	} finally {
		fs.rmdirSync(lock);
	}
}
