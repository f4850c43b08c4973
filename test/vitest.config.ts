import {fileURLToPath} from 'node:url';
import process from 'node:process';
import {defineConfig} from 'vitest/config';

// Node 20 parses the NODE_EXTRA_CA_CERTS bundle at every start-up (~60 ms of CPU here), and the suite starts
// node many hundreds of times (test forks, the CLI, ansible-verdict, the wizard; cli-messages and run-journal
// alone start the CLI 36 times) without any of them speaking TLS. The forks take their environment from this
// process, so every test and everything it starts runs without it; the shims' handling of a caller's value
// is tested with values of its own (create-sandbox.test).
delete process.env['NODE_EXTRA_CA_CERTS'];

export default defineConfig({
	test: {
		root: fileURLToPath(new URL('..', import.meta.url)),
		include: ['test/**/*.test.{ts,tsx}'],
		environment: 'node',
		// The JSON report lets .ci/run print the closing "N passed, N failed" line.
		reporters: ['default', ['json', {outputFile: 'dist/vitest-results.json'}]],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// One process per fork for all the files it runs (isolate: false), not a new node, vitest worker and module
		// graph per file: 172 files each paid a fork's start-up and the import of their modules again (the files
		// outside e2e: ~200 s of CPU isolated, ~145 s not). Every test file restores what it changes in process.env.
		poolOptions: {forks: {maxForks: 2, minForks: 1, isolate: false}},
	},
});
