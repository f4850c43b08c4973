import type {OptionSpec, ParsedOptions} from '../options.js';
import {flag, text} from '../options.js';
import {CommandError, outputFormatOption} from './framework.js';
import type {ManageContext} from './framework.js';
import {pyStr, render} from '../table.js';
import type {OutputFormat} from '../table.js';

/** The fields of one ListCommand (snf_django ListCommand, facts §3.1): name → getter and description. */
export interface ListSpec<T> {
	readonly fields: Readonly<Record<string, readonly [(row: T) => unknown, string]>>;
	readonly defaults: readonly string[];
}

export const listOptions: readonly OptionSpec[] = [
	{long: '--output', short: '-o', kind: 'value'},
	{long: '--list-fields', kind: 'flag'},
	{long: '--filter-by', kind: 'value'},
	{long: '--list-filters', kind: 'flag'},
	{long: '--no-headers', kind: 'flag'},
	outputFormatOption,
];

const truthy = new Set(['yes', 'true', 't', '1']);
const falsy = new Set(['no', 'false', 'f', '0']);

function matches(actual: string, op: string, wanted: string): boolean {
	let expected = wanted;
	if (truthy.has(wanted.toLowerCase())) {
		expected = 'True';
	} else if (falsy.has(wanted.toLowerCase())) {
		expected = 'False';
	}

	if (op === '=') {
		return actual === expected;
	}

	if (op === '!=') {
		return actual !== expected;
	}

	const a = Number(actual);
	const b = Number(expected);
	if (actual === '' || expected === '' || Number.isNaN(a) || Number.isNaN(b)) {
		return false;
	}

	return op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : a <= b;
}

/** Prints rows the way ListCommand does, honouring -o, --filter-by, --no-headers and --output-format. */
export function printList<T>(context: ManageContext, parsed: ParsedOptions, spec: ListSpec<T>, rows: readonly T[]): number {
	const names = Object.keys(spec.fields);
	if (flag(parsed, 'list-fields') || flag(parsed, 'list-filters')) {
		const table = names.map(name => [name, spec.fields[name]![1]]);
		context.out(render('pretty', ['Field', 'Description'], table));
		return 0;
	}

	const chosen = text(parsed, 'output')?.split(',') ?? [...spec.defaults];
	for (const field of chosen) {
		if (!names.includes(field)) {
			throw new CommandError(`Unknown field '${field}'. 'Use --list-fields option to find out available fields.`);
		}
	}

	let selected = [...rows];
	const filters = text(parsed, 'filter-by');
	if (filters) {
		for (const filter of filters.split(',')) {
			const match = /^([\w.]+)(!=|>=|<=|=|>|<)(.*)$/.exec(filter);
			if (!match || !names.includes(match[1]!)) {
				throw new CommandError(`Unknown filter '${filter}'. 'Use --list-filters option to find out available filters.`);
			}

			const [, field, op, value] = match;
			selected = selected.filter(row => matches(pyStr(spec.fields[field!]![0](row)), op!, value!));
		}
	}

	const table = selected.map(row => chosen.map(field => pyStr(spec.fields[field]![0](row))));
	const format = (text(parsed, 'output-format') ?? 'pretty') as OutputFormat;
	context.out(render(format, chosen, table, !flag(parsed, 'no-headers')));
	return 0;
}
