import meow from 'meow';

export const helpText = `
  Usage
    $ snf-upgrade                      the interactive wizard (not in this version yet)
    $ snf-upgrade plan                 print the whole rendered plan, secrets masked
    $ snf-upgrade run --yes            run the plan without questions; never waits for input
    $ snf-upgrade check                read-only: preflight and every step's probe on every host
    $ snf-upgrade status [--reset]     what the journal says; --reset starts over
    $ snf-upgrade answers --list       every answer key with type, default and description
    $ snf-upgrade answers --show       the saved answers, secrets masked
    $ snf-upgrade sandbox DIR          create a rehearsal deployment (Synnefo 0.14.10) in DIR
    $ snf-upgrade sandbox verify DIR   check that DIR is now a correct v0.15 deployment
    $ snf-upgrade rehearse             a full rehearsal of the upgrade on a fresh sandbox

  Options
    --answers FILE        answers and inventory (JSON; see answers --list)
    --set KEY=VALUE       override one answer (repeatable)
    --format FORMAT       plan: text (default), sh, json, md; check, answers --list: text, json
    --only SECTION        run or show only these sections (repeatable; id or number, e.g. oauth or 2.4)
    --skip SECTION        leave these sections out (repeatable)
    --from STEP           run: start at this step id
    --dry-run             run: run read-only commands, print the changing ones
    --yes                 run: answer yes to every confirmation
    --accept-new-host-keys  trust and record SSH host keys seen for the first time (like accept-new)
    --parallel N          hosts run at once in a fan-out step (default 8)
    --state-dir DIR       where answers, journal and transcripts are kept
    --break-lock          run: remove the deployment lock of an earlier run that is gone (refused while it or a command of it runs)
    --save-secrets        run: keep given secrets in the saved answers (mode 0600); --no-save-secrets: never
    --force               sandbox: replace an existing DIR
    --no-color            plain output
    --help, --version

  Exit codes
    0 done   1 a step failed   2 bad usage or answers   3 preflight failed   4 locked: another run holds the deployment
    5 output lost (stopped at a step boundary)   130 interrupted
`;

export function parseCli(argv: readonly string[]) {
	return meow(helpText, {
		importMeta: import.meta,
		argv: [...argv],
		allowUnknownFlags: false,
		booleanDefault: undefined,
		flags: {
			answers: {type: 'string'},
			set: {type: 'string', isMultiple: true},
			format: {type: 'string'},
			only: {type: 'string', isMultiple: true},
			skip: {type: 'string', isMultiple: true},
			from: {type: 'string'},
			dryRun: {type: 'boolean'},
			yes: {type: 'boolean'},
			acceptNewHostKeys: {type: 'boolean'},
			parallel: {type: 'number'},
			stateDir: {type: 'string'},
			saveSecrets: {type: 'boolean'},
			breakLock: {type: 'boolean'},
			force: {type: 'boolean'},
			reset: {type: 'boolean'},
			list: {type: 'boolean'},
			show: {type: 'boolean'},
			color: {type: 'boolean'},
		},
	});
}

export type CliFlags = ReturnType<typeof parseCli>['flags'];
