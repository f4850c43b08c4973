import {parseArgs, type ParseArgsConfig} from 'node:util';
import {cliOptions, flagName, optionLines, type CliFlags, type CliOption, type CliOptionName} from './cli-flags.js';
import {packageDescription} from './cli-package.js';
import {InputError} from './domain/errors.js';

export type {CliFlags} from './cli-flags.js';

/** The usage, the options and the exit codes: what README's Usage shows. */
export const helpText = `
  Usage
    $ snf-upgrade [--answers FILE]     the interactive wizard (needs a terminal)
    $ snf-upgrade plan                 print the whole rendered plan, secrets masked (reads no host)
    $ snf-upgrade plan --probe         the plan, each step marked will run / already done / cannot tell
                                       by its read-only probes on the inventory's hosts
    $ snf-upgrade plan --format ansible --out DIR   read the hosts now; write an Ansible inventory and playbook
    $ snf-upgrade run --yes            run the plan without questions; never waits for input
    $ snf-upgrade check                read-only: preflight and every step's probe on every host
    $ snf-upgrade status [--reset]     what the journal says; --reset starts over
    $ snf-upgrade answers --list       every answer key with type, default and description
    $ snf-upgrade answers --show       the saved answers, secrets masked
    $ snf-upgrade sandbox DIR          create a rehearsal deployment (Synnefo 0.14.10) in DIR
    $ snf-upgrade sandbox verify DIR   check that DIR is now a correct v0.15 deployment
    $ snf-upgrade rehearse             a full rehearsal of the upgrade on a fresh sandbox
    $ snf-upgrade ansible-verdict DIR STEP  (run by the exported playbook) judge the checks' output on stdin
    $ snf-upgrade ansible-edit DIR STEP HOST N  (run by the exported playbook) the new content of a file read on HOST

  Options
${optionLines().join('\n')}
    --help, --version

  Exit codes
    0 done   1 a step failed   2 bad usage or answers   3 preflight failed   4 locked: another run holds the deployment
    5 output lost (stopped at a step boundary)   130 interrupted
`;

/** What `--help` prints (and an unknown command after its message): the package's description, then the help text. */
export function helpScreen(): string {
	const description = packageDescription();
	return `${description === undefined ? '' : `\n  ${description}\n`}\n${helpText.replaceAll(/^\n+|\n+$/g, '')}\n`;
}

export interface ParsedCli {
	/** The command and its arguments, everything after `--` among them. */
	readonly input: string[];
	readonly flags: CliFlags;
	/** `--help` or `--version` anywhere before `--`: print that and run nothing (--help when both). */
	readonly asks: 'help' | 'version' | undefined;
}

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];
type OptionToken = Extract<Token, {kind: 'option'}>;
type StringOption = Extract<CliOption, {type: 'string'}>;

/** What a long option's name stands for: an option of the table (a boolean's `no-NAME` among them), or --help / --version. */
type Meaning = {readonly name: CliOptionName; readonly option: CliOption; readonly negated: boolean} | {readonly request: 'help' | 'version'};

const parserOptions: ParseArgsConfig['options'] = Object.fromEntries(Object.entries(cliOptions).map(([name, option]: [string, CliOption]) => [name, {type: option.type, multiple: 'multiple' in option}]));
const inTable = (name: string): name is CliOptionName => Object.hasOwn(cliOptions, name);

function meaning(token: OptionToken): Meaning | undefined {
	if (!token.rawName.startsWith('--')) {
		return undefined;
	}

	if (token.name === 'help' || token.name === 'version') {
		return {request: token.name};
	}

	if (inTable(token.name)) {
		return {name: token.name, option: cliOptions[token.name], negated: false};
	}

	const positive = token.name.replace(/^no-/, '');
	return positive !== token.name && inTable(positive) && cliOptions[positive].type === 'boolean' ? {name: positive, option: cliOptions[positive], negated: true} : undefined;
}

/** An argument a person meant as an option, not a value: `-x`, `--name`, `--`; not `-` nor a negative number. */
const looksLikeOption = (argument: string): boolean => /^-[^\d]/.test(argument);

/** The value of a string option, refused when it is missing, empty or (given apart) another option. */
function stringValue(token: OptionToken, option: StringOption): string {
	const usage = `--${token.name} ${option.value}`;
	if (token.value === undefined || token.value === '') {
		throw new InputError(`option --${token.name} needs a value`, `Give it as ${usage}.`);
	}

	if (!token.inlineValue && looksLikeOption(token.value)) {
		throw new InputError(`option --${token.name} needs a value, and what follows it is the option ${token.value}`, `Give it as ${usage} (a value that starts with "-" as --${token.name}=${option.value}).`);
	}

	return token.value;
}

/** A boolean, --help or --version given a value (`--yes=no`) is refused, never read as yes or no. */
function refuseValue(token: OptionToken, typed: string, meant: Meaning): void {
	if (token.value === undefined) {
		return;
	}

	const hint = 'request' in meant ? `Give --${token.name} alone.` : `Give --${meant.name} for yes, --no-${meant.name} for no, or leave it out.`;
	throw new InputError(`option --${token.name} takes no value (${typed})`, hint);
}

/**
 * Parses the command line with node:util's parseArgs, read through the table of cli-flags.ts. Bad usage is an
 * InputError that names it: unknown options (all of them, as typed), a string option without its value, a string
 * option given twice, a boolean given a value.
 */
export function parseCli(argv: readonly string[]): ParsedCli {
	const {tokens, positionals} = parseArgs({args: [...argv], options: parserOptions, strict: false, allowPositionals: true, tokens: true});
	const options = tokens.filter(token => token.kind === 'option');
	const unknown = [...new Set(options.filter(token => meaning(token) === undefined).map(token => argv[token.index]!))];
	if (unknown.length > 0) {
		throw new InputError(`unknown option${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}`, '`snf-upgrade --help` lists the options.');
	}

	const flags: Record<string, string | string[] | boolean | undefined> = Object.fromEntries(Object.entries(cliOptions).map(([name, option]: [string, CliOption]) => [flagName(name), 'multiple' in option ? [] : undefined]));
	const requests = new Set<string>();
	for (const token of options) {
		const meant = meaning(token)!;
		if ('request' in meant) {
			refuseValue(token, argv[token.index]!, meant);
			requests.add(meant.request);
			continue;
		}

		const {name, option, negated} = meant;
		const key = flagName(name);
		if (option.type === 'boolean') {
			refuseValue(token, argv[token.index]!, meant);
			flags[key] = !negated;
		} else if ('multiple' in option) {
			(flags[key] as string[]).push(stringValue(token, option));
		} else if (flags[key] === undefined) {
			flags[key] = stringValue(token, option);
		} else {
			throw new InputError(`option --${name} is given twice`, `Give --${name} once.`);
		}
	}

	return {input: positionals, flags: flags as CliFlags, asks: requests.has('help') ? 'help' : requests.has('version') ? 'version' : undefined};
}
