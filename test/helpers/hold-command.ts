import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A program held once, on its first call while a condition holds, until the test lets it go. */
export interface HeldProgram {
	/** The directory to put first on the PATH of the commands to catch. */
	readonly directory: string;
	/** The held call has started and is waiting. */
	started(): boolean;
	/** Lets the held call (and every later one) go on. */
	release(): void;
}

/**
 * Puts a wrapper named `program` in `work/hold-<program>`: on its first call while the shell test
 * `condition` is true it marks `started` and waits (polling) for release(); every other call runs the
 * real program at once. A test uses it to stop a script at a known point, for instance to kill
 * snf-upgrade while the write script waits in its `mktemp`, after the backup exists and before the
 * new content is read from stdin.
 */
export function holdProgram(work: string, program: string, condition: string): HeldProgram {
	const directory = path.join(work, `hold-${program}`);
	const started = path.join(directory, 'started');
	const go = path.join(directory, 'go');
	fs.mkdirSync(directory, {recursive: true});
	const real = execFileSync('sh', ['-c', `command -v ${program}`], {encoding: 'utf8'}).trim();
	fs.writeFileSync(path.join(directory, program), [
		'#!/bin/sh',
		`if [ ! -e '${started}' ] && ${condition}; then`,
		`\ttouch '${started}'`,
		`\twhile [ ! -e '${go}' ]; do sleep 0.05; done`,
		'fi',
		`exec '${real}' "$@"`,
		'',
	].join('\n'), {mode: 0o755});
	return {
		directory,
		started: () => fs.existsSync(started),
		release: () => fs.writeFileSync(go, ''),
	};
}
