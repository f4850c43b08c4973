import process from 'node:process';

/** How the caller of the runner stops a run (the runner's signal, killSignal and stopSignal). */
export interface RunControl {
	/** Abort: running commands are stopped (TERM, then KILL after a grace period), interrupted steps recorded. */
	readonly abort: AbortController;
	/** Abort now: running commands are killed at once (SIGKILL); always aborted after `abort`. */
	readonly kill: AbortController;
	/** Stop at the next step boundary: running steps finish, no new step starts. */
	readonly stop: AbortController;
}

export function createRunControl(): RunControl {
	return {abort: new AbortController(), kill: new AbortController(), stop: new AbortController()};
}

/**
 * The run's signals, until the returned function restores the other listeners:
 * - SIGINT/SIGTERM: stop the running commands and record where we are (exit 130); a second one kills
 *   the running commands at once and still records them `unknown`; the process never exits before
 *   the journal says what happened.
 * - SIGHUP (the terminal hung up): like losing stdout, the running step finishes and the run stops
 *   at the step boundary (exit 5); a hang-up must not leave a step half done. When neither stdout
 *   nor stderr is a terminal (nohup, redirected to files), onHangup says so and the run goes on.
 * While the run owns these signals, other listeners are set aside: conf's atomic writer (when-exit)
 * would otherwise re-raise the signal and end the process before the journal is written.
 */
export function trapSignals(control: RunControl, say: (text: string) => void, onHangup: () => boolean = () => true): () => void {
	const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
	const handler = (signal: NodeJS.Signals) => {
		if (signal === 'SIGHUP') {
			if (!onHangup()) {
				// stdout and stderr go to files (nohup): the hang-up costs the run nothing; it goes on.
				return;
			}

			if (!control.stop.signal.aborted) {
				say('\nsnf-upgrade: SIGHUP (the terminal went away): the running step finishes, then the run stops; the transcript is the record.');
				control.stop.abort(new Error('the terminal went away (SIGHUP)'));
			}

			return;
		}

		if (!control.abort.signal.aborted) {
			say(`\nsnf-upgrade: ${signal}: stopping the running commands and recording where we are…`);
			control.abort.abort(new Error(signal));
		} else if (control.kill.signal.aborted) {
			say(`\nsnf-upgrade: ${signal}: still recording where we are; the run ends in a moment.`);
		} else {
			say(`\nsnf-upgrade: ${signal} again: killing the running commands now (they are recorded as unknown)…`);
			control.kill.abort(new Error(`${signal} twice`));
		}
	};

	const setAside = new Map(signals.map(signal => [signal, process.listeners(signal)]));
	for (const signal of signals) {
		process.removeAllListeners(signal);
		process.on(signal, handler);
	}

	return () => {
		for (const signal of signals) {
			process.off(signal, handler);
			for (const listener of setAside.get(signal) ?? []) {
				process.on(signal, listener);
			}
		}
	};
}
