import fs from 'node:fs';
import tty from 'node:tty';

/** The standard descriptors (0, 1, 2) that are a terminal now. */
export function terminalDescriptors(): number[] {
	return [0, 1, 2].filter(fd => tty.isatty(fd));
}

/**
 * After the terminal hung up: each descriptor of `wereTerminals` that is no longer a working terminal
 * is pointed at /dev/null (close, then open takes the lowest free number: the same one). Node restores
 * the terminal settings of its standard descriptors at exit and aborts (SIGABRT, "Assertion failed" in
 * ResetStdio) when the terminal is gone; it skips descriptors that were reopened. Writes through the
 * old streams then go nowhere instead of failing.
 */
export function detachHungUpTerminals(wereTerminals: readonly number[]): void {
	for (const fd of wereTerminals) {
		if (tty.isatty(fd)) {
			continue;
		}

		try {
			fs.closeSync(fd);
			const opened = fs.openSync('/dev/null', fd === 0 ? 'r' : 'w');
			if (opened !== fd) {
				// Another descriptor took the number first; leave it alone.
				fs.closeSync(opened);
			}
		} catch {
			// Nothing better to do: the descriptor is gone either way.
		}
	}
}
