/** A stream the run writes to; the guard never lets a write to it throw or crash the process. */
export interface GuardedOutput {
	/** Writes text; a no-op once the stream went away. */
	write(text: string): void;
	/** True once writing failed (EPIPE: the reader closed the pipe; EIO: the terminal hung up). */
	lost(): boolean;
}

/**
 * Guards stdout or stderr of a run: a write error (the pipe's reader exited, as `| head` does, or the
 * terminal hung up) must not crash the run in the middle of a step. The first error calls onLost once
 * with its code; later writes are dropped (the transcript stays the record). The 'error' listener
 * stays for the rest of the process, so a late asynchronous error is absorbed too.
 */
export function guardOutput(stream: NodeJS.WritableStream, onLost: (code: string) => void): GuardedOutput {
	let gone = false;
	const lose = (error: unknown) => {
		if (gone) {
			return;
		}

		gone = true;
		onLost((error as NodeJS.ErrnoException | undefined)?.code ?? 'closed');
	};

	stream.on('error', lose);
	return {
		write(text) {
			if (gone) {
				return;
			}

			try {
				stream.write(text, error => {
					if (error) {
						lose(error);
					}
				});
			} catch (error) {
				lose(error);
			}
		},
		lost: () => gone,
	};
}
