import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';

export const repo = fileURLToPath(new URL('../..', import.meta.url));

/** The newest modification time of a file, or of any file under a directory. */
function newest(file: string): number {
	if (!fs.statSync(file).isDirectory()) {
		return fs.statSync(file).mtimeMs;
	}

	let latest = 0;
	for (const entry of fs.readdirSync(file, {withFileTypes: true})) {
		latest = Math.max(latest, newest(path.join(file, entry.name)));
	}

	return latest;
}

/**
 * Builds dist/ (tsc, then the bundle of dist/cli.js) when `output` is missing or older than any of `sources`
 * (repo-relative files or directories). One builder at a time across test workers: a directory
 * in the temporary directory is the lock, and a second worker checks freshness again once it holds it.
 */
export function buildWhenStale(output: string, sources: readonly string[]): void {
	const lock = path.join(os.tmpdir(), 'snf-upgrade-sandbox-build.lock');
	for (;;) {
		try {
			fs.mkdirSync(lock);
			break;
		} catch {
			spawnSync('sleep', ['0.2']);
		}
	}

	try {
		const built = path.join(repo, output);
		const fresh = fs.existsSync(built) && fs.statSync(built).mtimeMs >= Math.max(...sources.map(source => newest(path.join(repo, source))));
		if (!fresh) {
			// What `npm run build` does, except that type errors elsewhere in the tree (which do not stop
			// tsc from writing dist/) do not stop the bundle of dist/cli.js either.
			spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], {cwd: repo, stdio: 'ignore'});
			spawnSync(process.execPath, ['dist/build/bundle-cli.js'], {cwd: repo, stdio: 'ignore'});
		}
	} finally {
		fs.rmdirSync(lock);
	}
}
