import fs from 'node:fs';
import path from 'node:path';

/**
 * Copies a directory's entries into another, merging into the directories already there, also through a symlink
 * (the root view /proc/PID/root; Debian's /var/run → /run, where the sandbox's pid files go).
 */
export function copyInto(source: string, destination: string): void {
	for (const entry of fs.readdirSync(source, {withFileTypes: true})) {
		const from = path.join(source, entry.name);
		const to = path.join(destination, entry.name);
		if (entry.isDirectory() && fs.existsSync(to) && fs.statSync(to).isDirectory()) {
			copyInto(from, to);
		} else {
			fs.cpSync(from, to, {recursive: true, force: true, preserveTimestamps: true});
		}
	}
}
