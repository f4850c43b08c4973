import fs from 'node:fs/promises';
import path from 'node:path';
import type {Plugin} from 'esbuild';

/** yoga-layout 3's Emscripten loader: its wasm as a base64 data: URL, and where it takes the bytes given instead. */
const embedded = /H="data:application\/octet-stream;base64,([A-Za-z\d+/=]+)"/;
const givenBytes = 'h.wasmBinary&&(w=h.wasmBinary);';
export const wasmFileName = 'yoga.wasm';
const wasmMagic = '\0asm';

/**
 * yoga-layout 3 (Ink's layout engine) carries its wasm (72 KB) as base64 text in its loader: the wizard's start
 * parsed, kept and decoded it (atob, then a copy byte by byte, about 5 ms on a loaded 2-core machine, and heap
 * that brought a full GC forward), and Node 20's global fetch() made the loader "fetch" the data: URL (loading
 * undici, about 100 ms). The bundle carries it as a file instead: `yoga.wasm` beside the chunk that holds the
 * loader, read with readFileSync and handed to it as its own `wasmBinary` option (which also skips any fetch).
 * The build fails if the loader no longer has what is replaced: a new yoga-layout is then looked at, not
 * patched blindly.
 */
export const yogaWasmFile: Plugin = {
	name: 'yoga-wasm-file',
	setup(build) {
		build.initialOptions.metafile = true;
		let wasm: Buffer | undefined;
		let loader: string | undefined;
		build.onLoad({filter: /yoga-layout[/\\]dist[/\\]binaries[/\\]yoga-wasm-base64-esm\.js$/}, async ({path: file}) => {
			const source = await fs.readFile(file, 'utf8');
			const base64 = embedded.exec(source)?.[1];
			const bytes = base64 === undefined ? undefined : Buffer.from(base64, 'base64');
			if (bytes?.subarray(0, 4).toString('latin1') !== wasmMagic || source.split(givenBytes).length !== 2) {
				return {errors: [{text: `yoga-wasm-file: ${file} no longer has one embedded wasm and "${givenBytes}"; look at the new loader before bundling it`}]};
			}

			wasm = bytes;
			loader = path.relative(process.cwd(), file);
			const reads = `w=h.wasmBinary||snfReadWasm(new URL(${JSON.stringify(`./${wasmFileName}`)},import.meta.url));`;
			const contents = `import {readFileSync as snfReadWasm} from "node:fs";\n${source.replace(embedded, 'H=""').replace(givenBytes, reads)}`;
			return {contents, loader: 'js'};
		});
		build.onEnd(async result => {
			if (wasm === undefined || result.metafile === undefined) {
				return;
			}

			const chunks = Object.entries(result.metafile.outputs).filter(([, output]) => loader !== undefined && Object.hasOwn(output.inputs, loader));
			for (const [chunk] of chunks) {
				await fs.writeFile(path.join(path.dirname(chunk), wasmFileName), wasm);
			}
		});
	},
};
