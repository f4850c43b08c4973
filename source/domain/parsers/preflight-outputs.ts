/**
 * `gnt-cluster --version`: "gnt-cluster (ganeti v2.8.2) 2.8.2" (Ganeti's cli prints binary, the VCS
 * version in parentheses, then the release version) → "2.8.2".
 */
export function parseGanetiVersion(stdout: string): string {
	const match = /^\S+ \(ganeti [^)]*\) (\d+\.\d+[\w.~+-]*)\s*$/m.exec(stdout);
	if (match === null) {
		throw new Error(`gnt-cluster --version printed ${JSON.stringify(stdout.trim().slice(0, 80))}, not "gnt-cluster (ganeti …) X.Y.Z"`);
	}

	return match[1]!;
}

/** `df -Pk DIR`: the available KiB of the file system holding DIR (POSIX format: the 4th field of the 2nd line). */
export function parseDfAvailable(stdout: string): number {
	const line = stdout.trim().split('\n')[1];
	const available = line?.trim().split(/\s+/)[3];
	if (available === undefined || !/^\d+$/.test(available)) {
		throw new Error(`df -Pk printed ${JSON.stringify(stdout.trim().slice(0, 80))}, not a POSIX table`);
	}

	return Number(available);
}

/** `id -u`: the numeric user id. */
export function parseUserId(stdout: string): string {
	const id = stdout.trim();
	if (!/^\d+$/.test(id)) {
		throw new Error(`id -u printed ${JSON.stringify(id.slice(0, 40))}`);
	}

	return id;
}
