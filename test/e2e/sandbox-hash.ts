import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * snf-upgrade's own marks on a host root, left out: HOST_ROOT/var/lib/snf-upgrade (the deployment lock and the
 * register of running commands, host-lock-script.ts). Its journal, transcripts and saved answers live in --state-dir,
 * outside the sandbox. Everything else counts: the settings files and their .bak backups, the database dumps, pid
 * files, dpkg's lists, the shims' state.json (packages, services and their start times, the databases).
 */
export const ownMarks = /^[^/]+\/var\/lib\/snf-upgrade(\/|$)/;

/** A sha256 over every directory, file (mode and content) and symlink under the sandbox but snf-upgrade's own marks. */
export function sandboxContentHash(sandbox: string): string {
	const hash = createHash('sha256');
	const walk = (relative: string) => {
		for (const entry of fs.readdirSync(path.join(sandbox, relative), {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
			const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
			if (ownMarks.test(name)) {
				continue;
			}

			const full = path.join(sandbox, name);
			if (entry.isSymbolicLink()) {
				hash.update(`link ${name} ${fs.readlinkSync(full)}\0`);
			} else if (entry.isDirectory()) {
				hash.update(`dir ${name}\0`);
				walk(name);
			} else {
				hash.update(`file ${name} ${(fs.statSync(full).mode & 0o7777).toString(8)}\0`);
				hash.update(fs.readFileSync(full));
				hash.update('\0');
			}
		}
	};

	walk('');
	return hash.digest('hex');
}
