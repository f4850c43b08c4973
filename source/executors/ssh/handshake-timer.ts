/**
 * The connect timeout of one SSH handshake, standing still while it waits for the admin (a host key to
 * confirm, a key passphrase to type): ssh2's own readyTimeout runs through those waits, so an admin who
 * reads a fingerprint for longer than the timeout got "timed out". `timeoutMs` 0: no timeout.
 */
export interface HandshakeTimer {
	/** Runs `ask` with the timer stopped; the rest of the budget runs again once it settles. */
	paused<T>(ask: () => Promise<T>): Promise<T>;
	/** The handshake ended (ready or failed). */
	stop(): void;
}

export function startHandshakeTimer(timeoutMs: number, onTimeout: () => void): HandshakeTimer {
	let left = timeoutMs;
	let since = Date.now();
	let timer: ReturnType<typeof setTimeout> | undefined;
	let waits = 0;
	let stopped = timeoutMs <= 0;
	const run = () => {
		if (!stopped) {
			since = Date.now();
			timer = setTimeout(onTimeout, Math.max(0, left));
		}
	};

	const halt = () => {
		if (timer !== undefined) {
			clearTimeout(timer);
			timer = undefined;
			left -= Date.now() - since;
		}
	};

	run();
	return {
		async paused(ask) {
			if (waits++ === 0) {
				halt();
			}

			try {
				return await ask();
			} finally {
				if (--waits === 0) {
					run();
				}
			}
		},
		stop() {
			stopped = true;
			halt();
		},
	};
}
