/**
 * Every option snf-upgrade takes, in the order of --help's Options: the one table that parsing, the
 * unknown-option check and the Options lines of --help all read. `value` is the placeholder a string option's
 * value has in --help and in the message when it is missing; `help` its line in --help (the options without one
 * belong to a single command and are shown in its Usage line); `shownAs` what --help shows instead of `--NAME`.
 * Every boolean also takes `--no-NAME` (false); absent, it is undefined.
 */
export const cliOptions = {
	answers: {type: 'string', value: 'FILE', help: 'answers and inventory (JSON; see answers --list)'},
	set: {type: 'string', multiple: true, value: 'KEY=VALUE', help: 'override one answer (repeatable)'},
	format: {type: 'string', value: 'FORMAT', help: 'plan: text (default), sh, json, md, ansible; check, answers --list: text, json'},
	out: {type: 'string', value: 'DIR', help: 'plan --format ansible: where inventory.yml and playbook.yml go (new or empty DIR)'},
	only: {type: 'string', multiple: true, value: 'SECTION', help: 'run or show only these sections (repeatable; id or number, e.g. oauth or 2.4)'},
	skip: {type: 'string', multiple: true, value: 'SECTION', help: 'leave these sections out (repeatable)'},
	from: {type: 'string', value: 'STEP', help: 'run: start at this step id'},
	hosts: {type: 'string', value: 'ID,ID|@FILE', help: 'run: only these hosts (e.g. the hosts file a failed run names); other hosts are left as they are'},
	'dry-run': {type: 'boolean', help: 'run: run read-only commands, print the changing ones'},
	yes: {type: 'boolean', help: 'run: answer yes to every confirmation'},
	'accept-new-host-keys': {type: 'boolean', help: 'trust and record SSH host keys seen for the first time (like accept-new)'},
	parallel: {type: 'string', value: 'N', help: 'hosts run at once in a fan-out step (default 8)'},
	'state-dir': {type: 'string', value: 'DIR', help: 'where answers, journal and transcripts are kept'},
	'break-lock': {type: 'boolean', help: 'run, wizard: remove the deployment lock of an earlier run that is gone (refused while it or a command of it runs)'},
	'save-secrets': {type: 'boolean', help: 'run: keep given secrets in the saved answers (mode 0600); --no-save-secrets: never'},
	force: {type: 'boolean', help: 'sandbox: replace an existing DIR; plan --format ansible: write into a non-empty DIR'},
	color: {type: 'boolean', shownAs: '--no-color', help: 'plain output'},
	reset: {type: 'boolean'},
	probe: {type: 'boolean'},
	list: {type: 'boolean'},
	show: {type: 'boolean'},
} as const;

export type CliOptionName = keyof typeof cliOptions;
export type CliOption = (typeof cliOptions)[CliOptionName];

type CamelCase<Name extends string> = Name extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : Name;
type FlagValue<Option> = Option extends {multiple: true} ? string[] : Option extends {type: 'string'} ? string | undefined : boolean | undefined;

/** The parsed options by camelCase name (`--dry-run` → dryRun): repeatable ones always an array, the others undefined when absent. */
export type CliFlags = {readonly [Name in CliOptionName as CamelCase<Name>]: FlagValue<(typeof cliOptions)[Name]>};

export const flagName = (name: string): string => name.replaceAll(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/** The Options lines of --help, from the table. */
export const optionLines = (): string[] => Object.entries(cliOptions).flatMap(([name, option]: [string, CliOption]) => {
	if (!('help' in option)) {
		return [];
	}

	const usage = 'shownAs' in option ? option.shownAs : option.type === 'string' ? `--${name} ${option.value}` : `--${name}`;
	return [`    ${usage.padEnd(20)}  ${option.help}`];
});
