import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {projectName} from './state/paths.js';

interface Manifest {
	readonly version?: unknown;
	readonly description?: unknown;
}

/** This snf-upgrade's package.json: the first one up from this file that names it (dist/ and source/ alike). */
function ownManifest(): Manifest {
	let directory = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		try {
			const manifest = JSON.parse(fs.readFileSync(path.join(directory, 'package.json'), 'utf8')) as Manifest & {name?: unknown};
			if (manifest.name === projectName) {
				return manifest;
			}
		} catch {
			// No package.json here (or not JSON): look further up.
		}

		const parent = path.dirname(directory);
		if (parent === directory) {
			return {};
		}

		directory = parent;
	}
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** What `--version` prints. */
export const packageVersion = (): string => text(ownManifest().version) ?? 'No version found';

/** The line that opens `--help`. */
export const packageDescription = (): string | undefined => text(ownManifest().description);
