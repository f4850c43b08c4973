import fs from 'node:fs';
import process from 'node:process';
import {build, type BuildOptions} from 'esbuild';
import {inkTextModules} from './ink-text-modules.js';
import {yogaWasmFile} from './yoga-wasm-file.js';

/**
 * The second half of `npm run build` (after tsc has typechecked and written dist/): dist/cli.js as one
 * esbuild bundle with code splitting, React's production build, and every subcommand, Ink and React in
 * lazy chunks (dist/chunks/, with yoga's wasm as dist/chunks/yoga.wasm), so `--version`, `--help` and the subcommands never load Ink and the
 * wizard starts without resolving hundreds of modules. The rest of dist/ (tsc's output) stays: the bench
 * runs from there (the stream bench's run screen from its own bundle). The sandbox's shims are bundled too,
 * as one CommonJS file (dist/sandbox/shim-main.cjs): a sandbox run starts node for every shimmed command
 * (hundreds of times), and node starts a CommonJS file without the ES module loader and without resolving a
 * module per import: about a third less CPU per shim than tsc's shim-main.js (measured on snf-manage, service,
 * dpkg-query; a V8 start-up snapshot saved nothing more).
 */
// Chunk names carry content hashes: drop the last build's before writing this one's.
fs.rmSync('dist/chunks', {recursive: true, force: true});
fs.rmSync('dist/bench-bundle', {recursive: true, force: true});
const options: BuildOptions = {
	entryPoints: ['source/cli.tsx'],
	outdir: 'dist',
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	// Minified: less for V8 to parse before the first frame (names are kept for errors and stacks).
	minify: true,
	keepNames: true,
	sourcemap: true,
	metafile: true,
	plugins: [yogaWasmFile, inkTextModules],
	logLevel: 'warning',
	define: {'process.env.NODE_ENV': '"production"'},
	// ssh2 loads native add-ons by relative path; react-devtools-core is only imported when DEV=true.
	external: ['ssh2', 'cpu-features', 'react-devtools-core'],
	// The CommonJS dependencies (React among them) call require(), which ESM output lacks.
	banner: {js: 'import {createRequire as snfCreateRequire} from "node:module"; const require = snfCreateRequire(import.meta.url);'},
};
const result = await build(options);
// The stream bench's run screen (source/bench/stream-run.tsx), built as the wizard is, apart from the CLI's chunks:
// dist/bench-bundle/stream-run.js.
const bench = await build({...options, entryPoints: ['source/bench/stream-run.tsx'], outdir: 'dist/bench-bundle', chunkNames: '[name]-[hash]', metafile: false});
// Not minified: a shim's stack trace stays readable (esbuild marks the CommonJS output "use strict", as ES modules are).
const shims = await build({
	entryPoints: ['source/sandbox/shim-main.ts'],
	outfile: 'dist/sandbox/shim-main.cjs',
	bundle: true,
	format: 'cjs',
	platform: 'node',
	target: 'node20',
	logLevel: 'warning',
});
if (result.errors.length > 0 || bench.errors.length > 0 || shims.errors.length > 0) {
	process.exitCode = 1;
}
