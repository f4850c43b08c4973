import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {projectName} from './state/paths.js';

/** `snf-upgrade --version` alone (as meow's own --version rule: nothing else on the line). */
export const asksVersionOnly = (argv: readonly string[]): boolean => argv.length === 1 && argv[0] === '--version';

/**
 * This snf-upgrade's version, from its package.json (the first one up from this file, as meow finds it):
 * printed without loading the option parser, which is most of what `--version` would cost.
 */
export function packageVersion(): string {
	let directory = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		try {
			const manifest = JSON.parse(fs.readFileSync(path.join(directory, 'package.json'), 'utf8')) as {name?: unknown; version?: unknown};
			if (manifest.name === projectName) {
				return typeof manifest.version === 'string' && manifest.version !== '' ? manifest.version : 'No version found';
			}
		} catch {
			// No package.json here (or not JSON): look further up.
		}

		const parent = path.dirname(directory);
		if (parent === directory) {
			return 'No version found';
		}

		directory = parent;
	}
}
