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
		poolOptions: {forks: {maxForks: 2, minForks: 1}},
	},
});
