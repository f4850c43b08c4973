import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vitest/config';

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
