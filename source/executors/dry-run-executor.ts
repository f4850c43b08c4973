import type {CommandResult, Executor} from './executor.js';

/**
 * Dry run, implemented once: commands that only read (mutates: false) run on the inner executor;
 * every other command is reported to onSkipped and not run (it "succeeds" with no output).
 * A command that does not say is treated as changing the host.
 * onSkipped receives the line as it would run, secrets revealed: redact it before showing or logging it.
 */
export function createDryRunExecutor(inner: Executor, onSkipped: (commandLine: string) => void): Executor {
	return {
		host: inner.host,
		async run(commandLine, options = {}): Promise<CommandResult> {
			if (options.mutates === false) {
				return inner.run(commandLine, options);
			}

			onSkipped(commandLine);
			return {exitCode: 0, signal: null, stdout: '', stderr: '', outcome: 'completed'};
		},
		async dispose() {
			await inner.dispose();
		},
	};
}
