/** The instance policy specs printed by `gnt-cluster show-ispecs-cmd`. */
export interface IpolicySpecs {
	readonly std: Record<string, number>;
	readonly bounds: Array<{min: Record<string, number>; max: Record<string, number>}>;
	readonly cluster: string;
}

/** The six parameters every min and max of --ipolicy-bounds-specs must list (Ganeti refuses fewer). */
export const ispecParameters = ['cpu-count', 'disk-count', 'disk-size', 'memory-size', 'nic-count', 'spindle-use'] as const;

const source = 'gnt-cluster show-ispecs-cmd output';

function parseSpec(text: string, what: string): Record<string, number> {
	const spec: Record<string, number> = {};
	for (const item of text.split(',')) {
		const match = /^([a-z-]+)=(\d+)$/.exec(item);
		if (match === null) {
			throw new Error(`Cannot read ${what} item ${JSON.stringify(item)} in the ${source}.`);
		}

		spec[match[1]!] = Number(match[2]);
	}

	return spec;
}

function checkComplete(spec: Record<string, number>, what: string): void {
	const missing = ispecParameters.filter(name => spec[name] === undefined);
	if (missing.length > 0) {
		throw new Error(`The ${what} in the ${source} lacks ${missing.join(', ')}.`);
	}
}

function parseBounds(text: string): IpolicySpecs['bounds'] {
	return text.split('//').map((pair, index) => {
		const match = /^min:([^/]+)\/max:([^/]+)$/.exec(pair);
		if (match === null) {
			throw new Error(`Cannot read bounds pair ${index} (${JSON.stringify(pair)}) in the ${source}: expected min:…/max:….`);
		}

		const min = parseSpec(match[1]!, `min/${index}`);
		const max = parseSpec(match[2]!, `max/${index}`);
		checkComplete(min, `min/${index} bounds`);
		checkComplete(max, `max/${index} bounds`);
		return {min, max};
	});
}

/**
 * Parses the one line of `gnt-cluster show-ispecs-cmd`:
 * `gnt-cluster init --ipolicy-std-specs K=V,… --ipolicy-bounds-specs min:…/max:…[//min:…/max:…] CLUSTER`.
 * Also accepts it wrapped over several lines (as in the upgrade notes).
 */
export function parseShowIspecsCmd(output: string): IpolicySpecs {
	const start = output.indexOf('gnt-cluster init');
	if (start === -1) {
		throw new Error(`No "gnt-cluster init" command in the ${source}.`);
	}

	const words = output.slice(start).trim().split(/\s+/).slice(2);
	const options = new Map<string, string>();
	const positional: string[] = [];
	for (let index = 0; index < words.length; index++) {
		const word = words[index]!;
		if (word.startsWith('--')) {
			const equals = word.indexOf('=');
			if (equals === -1) {
				options.set(word, words[index + 1] ?? '');
				index++;
			} else {
				options.set(word.slice(0, equals), word.slice(equals + 1));
			}
		} else {
			positional.push(word);
		}
	}

	const std = options.get('--ipolicy-std-specs');
	const bounds = options.get('--ipolicy-bounds-specs');
	if (std === undefined || std === '') {
		throw new Error(`No --ipolicy-std-specs in the ${source}.`);
	}

	if (bounds === undefined || bounds === '') {
		throw new Error(`No --ipolicy-bounds-specs in the ${source}.`);
	}

	if (positional.length !== 1) {
		throw new Error(`Expected the cluster name at the end of the ${source}, found ${positional.length === 0 ? 'none' : positional.join(' ')}.`);
	}

	return {std: parseSpec(std, 'std'), bounds: parseBounds(bounds), cluster: positional[0]!};
}

/**
 * Every bounds pair with min nic-count set to `min` and max nic-count raised to at least `maxFloor`
 * (a larger max is kept: `--ipolicy-bounds-specs` sets the whole bounds, so 32 could lower it);
 * all six parameters kept.
 */
export function withNicCounts(bounds: IpolicySpecs['bounds'], min: number, maxFloor: number): IpolicySpecs['bounds'] {
	return bounds.map(pair => ({min: {...pair.min, 'nic-count': min}, max: {...pair.max, 'nic-count': Math.max(pair.max['nic-count'] ?? 0, maxFloor)}}));
}

function renderSpec(spec: Record<string, number>): string {
	return Object.keys(spec).sort().map(key => `${key}=${spec[key]}`).join(',');
}

/** The value of `gnt-cluster modify --ipolicy-bounds-specs` (keys sorted, pairs joined with //). */
export function renderBoundsSpecs(bounds: IpolicySpecs['bounds']): string {
	return bounds.map(pair => `min:${renderSpec(pair.min)}/max:${renderSpec(pair.max)}`).join('//');
}
