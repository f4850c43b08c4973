import {unsafeString, yamlString} from './yaml-scalar.js';

/**
 * A YAML value as the export builds it. Strings are Jinja-evaluated by Ansible: only the export's own
 * expressions are plain strings; text from the plan or the hosts is `unsafe(…)` (see yaml-scalar.ts).
 */
export type YamlValue =
	| string
	| number
	| boolean
	| {readonly unsafe: string}
	| readonly YamlValue[]
	| {readonly [key: string]: YamlValue | undefined};

export const unsafe = (text: string): YamlValue => ({unsafe: text});

const plainKey = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const isUnsafe = (value: YamlValue): value is {readonly unsafe: string} =>
	typeof value === 'object' && !Array.isArray(value) && typeof (value as {unsafe?: unknown}).unsafe === 'string' && Object.keys(value).length === 1;

function scalar(value: YamlValue): string | undefined {
	if (typeof value === 'string') {
		return yamlString(value);
	}

	if (typeof value === 'number' || typeof value === 'boolean') {
		return String(value);
	}

	if (isUnsafe(value)) {
		return unsafeString(value.unsafe);
	}

	if (Array.isArray(value) && value.length === 0) {
		return '[]';
	}

	if (!Array.isArray(value) && Object.values(value).every(item => item === undefined)) {
		return '{}';
	}

	return undefined;
}

const key = (name: string): string => (plainKey.test(name) ? name : yamlString(name));

function emit(value: YamlValue, indent: string, lines: string[]): void {
	if (Array.isArray(value)) {
		for (const item of value as readonly YamlValue[]) {
			const inline = scalar(item);
			if (inline !== undefined) {
				lines.push(`${indent}- ${inline}`);
				continue;
			}

			const start = lines.length;
			emit(item, `${indent}  `, lines);
			lines[start] = `${indent}- ${lines[start]!.slice(indent.length + 2)}`;
		}

		return;
	}

	for (const [name, item] of Object.entries(value as Record<string, YamlValue | undefined>)) {
		if (item === undefined) {
			continue;
		}

		const inline = scalar(item);
		if (inline === undefined) {
			lines.push(`${indent}${key(name)}:`);
			emit(item, Array.isArray(item) ? indent : `${indent}  `, lines);
		} else {
			lines.push(`${indent}${key(name)}: ${inline}`);
		}
	}
}

/** The value as block-style YAML lines (a list or a mapping at the top). */
export function yamlLines(value: YamlValue): string[] {
	const lines: string[] = [];
	emit(value, '', lines);
	return lines;
}
