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
