import meow from 'meow';
import {InputError} from './domain/errors.js';

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
    --answers FILE        answers and inventory (JSON; see answers --list)
    --set KEY=VALUE       override one answer (repeatable)
    --format FORMAT       plan: text (default), sh, json, md, ansible; check, answers --list: text, json
    --out DIR             plan --format ansible: where inventory.yml and playbook.yml go (new or empty DIR)
    --only SECTION        run or show only these sections (repeatable; id or number, e.g. oauth or 2.4)
    --skip SECTION        leave these sections out (repeatable)
    --from STEP           run: start at this step id
    --hosts ID,ID|@FILE   run: only these hosts (e.g. the hosts file a failed run names); other hosts are left as they are
    --dry-run             run: run read-only commands, print the changing ones
    --yes                 run: answer yes to every confirmation
    --accept-new-host-keys  trust and record SSH host keys seen for the first time (like accept-new)
    --parallel N          hosts run at once in a fan-out step (default 8)
    --state-dir DIR       where answers, journal and transcripts are kept
    --break-lock          run: remove the deployment lock of an earlier run that is gone (refused while it or a command of it runs)
    --save-secrets        run: keep given secrets in the saved answers (mode 0600); --no-save-secrets: never
    --force               sandbox: replace an existing DIR; plan --format ansible: write into a non-empty DIR
    --no-color            plain output
    --help, --version

  Exit codes
    0 done   1 a step failed   2 bad usage or answers   3 preflight failed   4 locked: another run holds the deployment
    5 output lost (stopped at a step boundary)   130 interrupted
`;

const flags = {
	answers: {type: 'string'},
	set: {type: 'string', isMultiple: true},
	format: {type: 'string'},
	only: {type: 'string', isMultiple: true},
	skip: {type: 'string', isMultiple: true},
	from: {type: 'string'},
	hosts: {type: 'string'},
	dryRun: {type: 'boolean'},
	yes: {type: 'boolean'},
	acceptNewHostKeys: {type: 'boolean'},
	parallel: {type: 'string'},
	stateDir: {type: 'string'},
	saveSecrets: {type: 'boolean'},
	breakLock: {type: 'boolean'},
	force: {type: 'boolean'},
	out: {type: 'string'},
	reset: {type: 'boolean'},
	probe: {type: 'boolean'},
	list: {type: 'boolean'},
	show: {type: 'boolean'},
	color: {type: 'boolean'},
} as const;

const camelCase = (name: string) => name.replaceAll(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/** The options on the command line (before `--`) that snf-upgrade does not know, as typed. */
export function unknownOptions(argv: readonly string[]): string[] {
	const separator = argv.indexOf('--');
	const known = new Set([...Object.keys(flags), 'help', 'version']);
	return (separator === -1 ? argv : argv.slice(0, separator)).filter(arg => {
		const match = /^--?([^=\d][^=]*)/.exec(arg);
		if (match === null) {
			return false;
		}

		const name = camelCase(match[1]!);
		return !arg.startsWith('--') || !(known.has(name) || (name.startsWith('no') && known.has(name.slice(2, 3).toLowerCase() + name.slice(3))));
	});
}

/** Parses the command line; an unknown option is bad input naming it (meow alone would print only "Unknown flag"). */
export function parseCli(argv: readonly string[]) {
	const unknown = unknownOptions(argv);
	if (unknown.length > 0) {
		throw new InputError(`unknown option${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}`, '`snf-upgrade --help` lists the options.');
	}

	return meow(helpText, {
		importMeta: import.meta,
		argv: [...argv],
		allowUnknownFlags: true,
		booleanDefault: undefined,
		flags,
	});
}

export type CliFlags = ReturnType<typeof parseCli>['flags'];
