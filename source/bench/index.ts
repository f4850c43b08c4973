import process from 'node:process';
import type {BenchLine, BenchModule} from './bench-types.js';

/** Every benchmark, in order. Add a module here: `async () => (await import('./x-bench.js')).default`. */
const modules: ReadonlyArray<() => Promise<BenchModule>> = [
	async () => (await import('./ssh-bench.js')).default,
	async () => (await import('./fleet-fanout-bench.js')).default,
	async () => (await import('./plan-bench.js')).default,
	async () => (await import('./journal-bench.js')).default,
	async () => (await import('./sandbox-run-bench.js')).default,
	async () => (await import('./wizard-bench.js')).default,
	async () => (await import('./stream-bench.js')).default,
];

function emit(line: BenchLine): void {
	process.stdout.write(`${JSON.stringify(line)}\n`);
}

let failed = false;
for (const load of modules) {
	try {
		// One after the other: benchmarks must not disturb each other.
		await (await load())(emit);
	} catch (error) {
		failed = true;
		process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
	}
}

process.exitCode = failed ? 1 : 0;
