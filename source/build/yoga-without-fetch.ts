import fs from 'node:fs/promises';
import type {Plugin} from 'esbuild';

/** The check in yoga-layout 3's Emscripten loader that sends the embedded wasm through fetch() when there is one. */
const fetchCheck = '"function"!=typeof fetch';
const expectedChecks = 2;

/**
 * yoga-layout 3 (Ink's layout engine) carries its wasm as a base64 data: URL and, because Node 20 has a global
 * fetch(), "fetches" that URL: the first fetch() loads undici (HTTP, zlib, web streams), about 100 ms of the
 * wizard's start on a loaded 2-core machine, only to decode base64. Telling the loader there is no fetch makes
 * it decode the same bytes itself (its own fallback path, as on a Node without fetch). The build fails if the
 * loader no longer has the two checks: a new yoga-layout is then looked at, not patched blindly.
 */
export const yogaWithoutFetch: Plugin = {
	name: 'yoga-without-fetch',
	setup(build) {
		build.onLoad({filter: /yoga-layout[/\\]dist[/\\]binaries[/\\]yoga-wasm-base64-esm\.js$/}, async ({path}) => {
			const source = await fs.readFile(path, 'utf8');
			const found = source.split(fetchCheck).length - 1;
			if (found !== expectedChecks) {
				return {errors: [{text: `yoga-without-fetch: expected ${expectedChecks} fetch checks in ${path}, found ${found}; look at the new loader before bundling it`}]};
			}

			return {contents: source.replaceAll(fetchCheck, 'true'), loader: 'js'};
		});
	},
};
