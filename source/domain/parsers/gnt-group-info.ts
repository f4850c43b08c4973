import {ispecParameters, type IpolicySpecs} from './ispecs.js';

/** A node group's instance policy bounds as `gnt-group info` shows them. */
export interface GroupBounds {
	readonly group: string;
	/** True when the group sets its own bounds (plain values); false when it inherits the cluster's (`default (N)`). */
	readonly overrides: boolean;
	readonly bounds: IpolicySpecs['bounds'];
}

const source = 'gnt-group info output';

/** The lines of one group's "bounds specs:" list (the items under it, more indented). */
function boundsLines(lines: readonly string[], group: string): string[] {
	const policy = lines.findIndex(line => /^ {2}Instance policy:\s*$/.test(line));
	const start = policy === -1 ? -1 : lines.findIndex((line, index) => index > policy && /^ {4}bounds specs:\s*$/.test(line));
	if (start === -1) {
		throw new Error(`No "Instance policy" with "bounds specs" for node group ${group} in the ${source}.`);
	}

	const items: string[] = [];
	for (const line of lines.slice(start + 1)) {
		if (!/^ {6,}\S/.test(line)) {
			break;
		}

		items.push(line);
	}

	return items;
}

function parseGroup(name: string, lines: readonly string[]): GroupBounds {
	const pairs = new Map<number, {min: Record<string, number>; max: Record<string, number>}>();
	let current: Record<string, number> | undefined;
	const kinds = new Set<'custom' | 'default'>();
	for (const line of boundsLines(lines, name)) {
		const header = /^ {6}(?:- | {2})(min|max)\/(\d+):\s*$/.exec(line);
		if (header !== null) {
			const index = Number(header[2]);
			const pair = pairs.get(index) ?? {min: {}, max: {}};
			pairs.set(index, pair);
			current = pair[header[1] as 'min' | 'max'];
			continue;
		}

		const value = /^ {10}([a-z-]+): (?:(\d+)|default \((\d+)\))\s*$/.exec(line);
		if (value === null || current === undefined) {
			throw new Error(`Cannot read ${JSON.stringify(line.trim())} in the bounds of node group ${name} in the ${source}.`);
		}

		current[value[1]!] = Number(value[2] ?? value[3]);
		kinds.add(value[2] === undefined ? 'default' : 'custom');
	}

	if (pairs.size === 0 || kinds.size !== 1) {
		throw new Error(`The bounds of node group ${name} in the ${source} are ${pairs.size === 0 ? 'empty' : 'partly default, partly set'}.`);
	}

	const bounds = [...pairs.keys()].sort((a, b) => a - b).map(index => pairs.get(index)!);
	for (const [index, pair] of bounds.entries()) {
		for (const [side, spec] of [['min', pair.min], ['max', pair.max]] as const) {
			const missing = ispecParameters.filter(parameter => spec[parameter] === undefined);
			if (missing.length > 0) {
				throw new Error(`The ${side}/${index} bounds of node group ${name} in the ${source} lack ${missing.join(', ')}.`);
			}
		}
	}

	return {group: name, overrides: kinds.has('custom'), bounds};
}

/**
 * Parses `gnt-group info` (Ganeti ≥ 2.8, PrintGenericInfo): one `- Node group: NAME` block per group,
 * whose "Instance policy:" lists "bounds specs:" as `- min/0:` / `max/0:` items (in either order) of
 * six `key: value` lines. FormatPolicyInfo prints a group's own bounds as plain numbers and inherited
 * ones as `default (N)`. Throws unless every group's bounds read whole.
 */
export function parseGroupBounds(output: string): GroupBounds[] {
	const lines = output.split('\n');
	const starts = lines.flatMap((line, index) => {
		const match = /^- Node group: (\S+)\s*$/.exec(line);
		return match === null ? [] : [{index, name: match[1]!}];
	});
	if (starts.length === 0) {
		throw new Error(`No "- Node group:" in the ${source}.`);
	}

	return starts.map(({index, name}, position) => parseGroup(name, lines.slice(index + 1, starts[position + 1]?.index ?? lines.length)));
}
