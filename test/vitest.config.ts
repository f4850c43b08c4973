import {fileURLToPath} from 'node:url';
import process from 'node:process';
import {defineConfig} from 'vitest/config';
import {BaseSequencer, type TestSpecification} from 'vitest/node';

// Node 20 parses the NODE_EXTRA_CA_CERTS bundle at every start-up (~60 ms of CPU here), and the suite starts
// node many hundreds of times (test forks, the CLI, ansible-verdict, the wizard; cli-messages and run-journal
// alone start the CLI 36 times) without any of them speaking TLS. The forks take their environment from this
// process, so every test and everything it starts runs without it; the shims' handling of a caller's value
// is tested with values of its own (create-sandbox.test).
delete process.env['NODE_EXTRA_CA_CERTS'];

/** Minutes long (one real Ansible run after another on the staging hosts): started first, so it never runs alone at the end. */
const longest = ['test/e2e/staging-ansible.test.ts'];

/**
 * The end-to-end files first, the longest of them before all: they take most of the suite's time, and the
 * unit files, seconds each, then fill both forks to the end. vitest's own order (the last run's durations,
 * longest first) comes close only where it has that cache: a fresh clone (CI) has none and runs the larger
 * files first, which put the e2e files among the unit files and the small ones (the wizard's, a minute each) last.
 */
class EndToEndFirst extends BaseSequencer {
	override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
		const rank = (file: TestSpecification) => {
			const name = file.moduleId.replaceAll('\\', '/');
			return longest.some(long => name.endsWith(`/${long}`)) ? 0 : (name.includes('/test/e2e/') ? 1 : 2);
		};

		// Array.prototype.sort is stable: within a rank, vitest's order stays.
		return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
	}
}

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
		sequence: {sequencer: EndToEndFirst},
	},
});
