function templateList(output: string, label: string): string[] {
	const match = new RegExp(`^\\s*${label} disk templates:[ \\t]*(.*)$`, 'm').exec(output);
	if (match === null) {
		throw new Error(`No "${label} disk templates" line in the gnt-cluster info output.`);
	}

	let list = match[1]!.trim();
	const byDefault = /^default \((.*)\)$/.exec(list);
	if (byDefault !== null) {
		list = byDefault[1]!;
	}

	return list.split(',').map(item => item.trim()).filter(item => item !== '');
}

/**
 * The disk templates of a Ganeti cluster from `gnt-cluster info`: `enabled disk templates:` under
 * "Cluster parameters:" and the ipolicy's `allowed disk templates:` (a list, or `default (…)`).
 * Ganeti does not sort them: compare as sets.
 */
export function parseDiskTemplates(infoOutput: string): {enabled: string[]; allowed: string[]} {
	return {enabled: templateList(infoOutput, 'enabled'), allowed: templateList(infoOutput, 'allowed')};
}
