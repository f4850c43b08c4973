/** A small optparse: the option syntax and error messages of Python's optparse, which Django 1.4 commands use. */

export interface OptionSpec {
	/** Long name with dashes, e.g. '--secret'. */
	readonly long: string;
	readonly short?: string;
	/** 'flag' takes no value; 'value' takes one; 'multi' takes one and may repeat; 'pair' takes two. */
	readonly kind: 'flag' | 'value' | 'multi' | 'pair';
	readonly choices?: readonly string[];
}

export interface ParsedOptions {
	readonly values: Record<string, string | boolean | string[] | [string, string]>;
	readonly positional: string[];
}

export class OptparseError extends Error {}

const key = (spec: OptionSpec) => spec.long.replace(/^--/, '');

export function parseOptions(args: readonly string[], specs: readonly OptionSpec[]): ParsedOptions {
	const values: ParsedOptions['values'] = {};
	const positional: string[] = [];
	const rest = [...args];
	while (rest.length > 0) {
		const arg = rest.shift()!;
		if (arg === '--') {
			positional.push(...rest.splice(0));
			break;
		}

		if (!arg.startsWith('-') || arg === '-') {
			positional.push(arg);
			continue;
		}

		let name = arg;
		let inline: string | undefined;
		if (arg.startsWith('--')) {
			const equals = arg.indexOf('=');
			if (equals !== -1) {
				name = arg.slice(0, equals);
				inline = arg.slice(equals + 1);
			}
		} else if (arg.length > 2) {
			name = arg.slice(0, 2);
			inline = arg.slice(2);
		}

		const spec = specs.find(candidate => candidate.long === name || candidate.short === name);
		if (!spec) {
			throw new OptparseError(`no such option: ${name}`);
		}

		if (spec.kind === 'flag') {
			if (inline !== undefined) {
				throw new OptparseError(`${spec.long} option does not take a value`);
			}

			values[key(spec)] = true;
			continue;
		}

		const take = () => {
			if (inline !== undefined) {
				const value = inline;
				inline = undefined;
				return value;
			}

			const next = rest.shift();
			if (next === undefined) {
				throw new OptparseError(`${name} option requires ${spec.kind === 'pair' ? '2 arguments' : 'an argument'}`);
			}

			return next;
		};

		const value = take();
		if (spec.choices && !spec.choices.includes(value)) {
			throw new OptparseError(`option ${name}: invalid choice: '${value}' (choose from ${spec.choices.map(choice => `'${choice}'`).join(', ')})`);
		}

		if (spec.kind === 'pair') {
			values[key(spec)] = [value, take()];
		} else if (spec.kind === 'multi') {
			const list = (values[key(spec)] as string[] | undefined) ?? [];
			values[key(spec)] = [...list, value];
		} else {
			values[key(spec)] = value;
		}
	}

	return {values, positional};
}

export const text = (parsed: ParsedOptions, name: string): string | undefined => {
	const value = parsed.values[name];
	return typeof value === 'string' ? value : undefined;
};

export const flag = (parsed: ParsedOptions, name: string): boolean => parsed.values[name] === true;
