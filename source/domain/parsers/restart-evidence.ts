/** The lines the restart probes' script prints (see steps/restart-probes.ts), read back. */
export const restartMarker = 'snf-upgrade-restart';

/** A file's modification time as `find -printf '%T@'` prints it (seconds since the epoch, with a fraction), or undefined: absent. */
export interface FileTime {
	readonly path: string;
	readonly mtime: string | undefined;
}

export interface RestartEvidence {
	/** `service NAME status`'s exit code. */
	readonly status: number;
	readonly pidFiles: readonly FileTime[];
	readonly inputs: readonly FileTime[];
	/** Every line that is not the script's own (e.g. dpkg-query's). */
	readonly rest: string;
}

const timeLine = new RegExp(`^${restartMarker} (pid|input) (\\d+(?:\\.\\d+)?|missing) (.+)$`);

/** Reads the script's lines; throws (→ cannot tell) on a line of its own it does not know or a missing status line. */
export function parseRestartEvidence(stdout: string): RestartEvidence {
	let status: number | undefined;
	const pidFiles: FileTime[] = [];
	const inputs: FileTime[] = [];
	const rest: string[] = [];
	for (const line of stdout.split('\n')) {
		if (!line.startsWith(`${restartMarker} `)) {
			rest.push(line);
			continue;
		}

		const statusMatch = new RegExp(`^${restartMarker} status (\\d+)$`).exec(line);
		if (statusMatch !== null) {
			status = Number(statusMatch[1]);
			continue;
		}

		const match = timeLine.exec(line);
		if (match === null) {
			throw new Error(`unexpected line ${JSON.stringify(line.slice(0, 100))}`);
		}

		(match[1] === 'pid' ? pidFiles : inputs).push({path: match[3]!, mtime: match[2] === 'missing' ? undefined : match[2]});
	}

	if (status === undefined) {
		throw new Error('no service status line');
	}

	return {status, pidFiles, inputs, rest: rest.join('\n')};
}

/** Nanoseconds since the epoch of a `%T@` time (more than 9 decimals are cut, fewer padded). */
export function timeNanoseconds(mtime: string): bigint {
	const [seconds = '0', fraction = ''] = mtime.split('.');
	return BigInt(seconds) * 1_000_000_000n + BigInt(fraction.slice(0, 9).padEnd(9, '0'));
}

/** A `%T@` time as an ISO date (UTC, milliseconds) for the evidence line. */
export const isoTime = (mtime: string): string => new Date(Number(timeNanoseconds(mtime) / 1_000_000n)).toISOString();
