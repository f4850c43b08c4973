/**
 * Parses `dpkg-query -W -f='${Package} ${Version}\n' …`: package → version. Packages dpkg knows but
 * that are not installed print an empty version; they are left out.
 */
export function parseDpkgVersions(stdout: string): Map<string, string> {
	const versions = new Map<string, string>();
	for (const line of stdout.split('\n')) {
		const [name, version] = line.trim().split(/\s+/);
		if (name !== undefined && name !== '' && version !== undefined && version !== '') {
			versions.set(name, version);
		}
	}

	return versions;
}

/**
 * The installed version of each package asked for, from a whole `dpkg-query -W -f='${Package} ${Version}\n'`
 * run (undefined: not installed). Throws unless the run accounts for every package (a `<package>
 * <version>` line, or dpkg-query's "no packages found matching" with exit 1) and prints nothing else.
 */
export function installedVersions(output: {readonly exitCode: number | null; readonly stdout: string; readonly stderr: string}, packages: readonly string[]): Map<string, string | undefined> {
	const unknownLine = output.stdout.split('\n').find(line => line.trim() !== '' && !/^[a-z0-9][a-z0-9+.-]+ \S*$/.test(line.trim()));
	if (unknownLine !== undefined) {
		throw new Error(`dpkg-query printed ${JSON.stringify(unknownLine.slice(0, 80))}, not "<package> <version>".`);
	}

	const notFound = new Set<string>();
	for (const line of output.stderr.split('\n').map(text => text.trim()).filter(text => text !== '')) {
		const match = /^dpkg-query: no packages found matching (\S+)$/.exec(line);
		if (match === null) {
			throw new Error(`dpkg-query said ${JSON.stringify(line.slice(0, 80))}.`);
		}

		notFound.add(match[1]!);
	}

	if (output.exitCode !== 0 && !(output.exitCode === 1 && notFound.size > 0)) {
		throw new Error(`dpkg-query ${output.exitCode === null ? 'was killed' : `exited with ${output.exitCode}`}.`);
	}

	const versions = parseDpkgVersions(output.stdout);
	const unaccounted = packages.filter(name => !versions.has(name) && !notFound.has(name) && !output.stdout.split('\n').some(line => line.trim() === name || line.startsWith(`${name} `)));
	if (unaccounted.length > 0) {
		throw new Error(`dpkg-query said nothing about ${unaccounted.join(', ')}.`);
	}

	return new Map(packages.map(name => [name, versions.get(name)]));
}
