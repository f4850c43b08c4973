/**
 * Watches the process's output streams: a write that fails (stdout on a full disk or /dev/full, a
 * closed pipe) is an 'error' event that would otherwise end the process with a stack trace. The first
 * error is kept; once the command has finished, `report` says what happened in one line.
 */
export interface OutputWatch {
	/** One line for stderr when stdout could not be written (a closed pipe, EPIPE, says nothing: the reader left); undefined when all went well. */
	report(): {readonly message: string | undefined; readonly failed: boolean};
}

export function watchOutput(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): OutputWatch {
	let failure: NodeJS.ErrnoException | undefined;
	stdout.on('error', (error: NodeJS.ErrnoException) => {
		failure ??= error;
	});
	stderr.on('error', () => {
		// Nowhere left to say anything; the exit code tells.
	});
	return {
		report() {
			if (failure === undefined) {
				return {message: undefined, failed: false};
			}

			if (failure.code === 'EPIPE') {
				return {message: undefined, failed: false};
			}

			const why = failure.code === 'ENOSPC' ? 'no space left on the device it goes to' : failure.message;
			return {message: `snf-upgrade: the output could not be written (${failure.code ?? 'error'}: ${why}); what was printed is incomplete.`, failed: true};
		},
	};
}
