import {describe, expect, it} from 'vitest';
import {cliOptions, flagName} from '../source/cli-flags.js';
import {helpText, parseCli} from '../source/cli-options.js';
import {InputError} from '../source/domain/errors.js';

/** The InputError parseCli throws for argv: its message and hint. */
function refusal(argv: readonly string[]): {message: string; hint: string | undefined} {
	try {
		parseCli(argv);
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		return {message: (error as InputError).message, hint: (error as InputError).hint};
	}

	throw new Error(`parseCli accepted ${JSON.stringify(argv)}`);
}

describe('parseCli: what meow gave and the commands rely on', () => {
	it('absent options: booleans and strings undefined, repeatable ones empty arrays; flags by camelCase name, no other key', () => {
		const {input, flags, asks} = parseCli([]);
		expect(input).toEqual([]);
		expect(asks).toBeUndefined();
		expect(Object.keys(flags).sort()).toEqual(Object.keys(cliOptions).map(name => flagName(name)).sort());
		expect(flags).toMatchObject({answers: undefined, dryRun: undefined, color: undefined, saveSecrets: undefined, stateDir: undefined, set: [], only: [], skip: []});
	});

	it('kebab-case options land on camelCase flags, values given apart or after =', () => {
		const {input, flags} = parseCli(['run', '--dry-run', '--state-dir', '/tmp/s', '--accept-new-host-keys', '--break-lock', '--save-secrets', '--answers=/tmp/a.json', '--parallel', '3', '--hosts', 'a,b', '--from', 'oauth']);
		expect(input).toEqual(['run']);
		expect(flags).toMatchObject({dryRun: true, stateDir: '/tmp/s', acceptNewHostKeys: true, breakLock: true, saveSecrets: true, answers: '/tmp/a.json', parallel: '3', hosts: 'a,b', from: 'oauth'});
	});

	it('--set, --only and --skip repeat, in order; --set=KEY=VALUE keeps every = after the first', () => {
		const {flags} = parseCli(['plan', '--set', 'a=b', '--set=c=d=e', '--only', 'oauth', '--only=2.4', '--skip', 'stats', '--set', 'f=']);
		expect(flags.set).toEqual(['a=b', 'c=d=e', 'f=']);
		expect(flags.only).toEqual(['oauth', '2.4']);
		expect(flags.skip).toEqual(['stats']);
	});

	it('--no-NAME of a boolean is false (--no-color, --no-save-secrets); the last of --X / --no-X wins', () => {
		expect(parseCli(['--no-color']).flags.color).toBe(false);
		expect(parseCli(['--color']).flags.color).toBe(true);
		expect(parseCli(['run', '--no-save-secrets']).flags.saveSecrets).toBe(false);
		expect(parseCli(['--dry-run', '--no-dry-run']).flags.dryRun).toBe(false);
		expect(parseCli(['--no-yes', '--yes']).flags.yes).toBe(true);
	});

	it('after --, everything is input: options there are neither parsed nor refused', () => {
		const {input, flags, asks} = parseCli(['ansible-edit', '--yes', '--', '--frobnicate', '--help', '-x', 'd']);
		expect(input).toEqual(['ansible-edit', '--frobnicate', '--help', '-x', 'd']);
		expect(flags.yes).toBe(true);
		expect(asks).toBeUndefined();
	});

	it('positional arguments stay in order around options; "-" and a negative number are values, not options', () => {
		expect(parseCli(['sandbox', 'verify', '--force', '/tmp/sb']).input).toEqual(['sandbox', 'verify', '/tmp/sb']);
		expect(parseCli(['ansible-edit', '-']).input).toEqual(['ansible-edit', '-']);
		expect(parseCli(['run', '--parallel', '-1']).flags.parallel).toBe('-1');
	});
});

describe('parseCli: bad usage is an InputError naming it (exit 2), never a stack trace', () => {
	it('unknown options, every one as typed, with the pointer to --help', () => {
		expect(refusal(['plan', '--frobnicate'])).toEqual({message: 'unknown option --frobnicate', hint: '`snf-upgrade --help` lists the options.'});
		expect(refusal(['run', '--yes', '--no-such', '-x', '--frob=1', '-abc']).message).toBe('unknown options --no-such, -x, --frob=1, -abc');
	});

	it('no short options, no camelCase spellings, no --no- for a string option or for --help', () => {
		for (const typed of ['-h', '-y', '--stateDir', '--dryRun', '--no-answers', '--no-set', '--no-help', '--no-no-color']) {
			expect(refusal(['run', typed]).message).toBe(`unknown option ${typed}`);
		}
	});

	it('a string option without its value: at the end, empty, or followed by another option', () => {
		expect(refusal(['plan', '--answers'])).toEqual({message: 'option --answers needs a value', hint: 'Give it as --answers FILE.'});
		expect(refusal(['plan', '--answers='])).toEqual({message: 'option --answers needs a value', hint: 'Give it as --answers FILE.'});
		expect(refusal(['plan', '--set', '--yes'])).toEqual({
			message: 'option --set needs a value, and what follows it is the option --yes',
			hint: 'Give it as --set KEY=VALUE (a value that starts with "-" as --set=KEY=VALUE).',
		});
		expect(refusal(['run', '--state-dir', '--', 'x']).message).toBe('option --state-dir needs a value, and what follows it is the option --');
	});

	it('a value that starts with "-" is taken after =', () => {
		expect(parseCli(['plan', '--answers=-odd.json']).flags.answers).toBe('-odd.json');
	});

	it('a string option given twice (which one would count?)', () => {
		expect(refusal(['run', '--state-dir', 'a', '--state-dir=b'])).toEqual({message: 'option --state-dir is given twice', hint: 'Give --state-dir once.'});
	});

	it('a boolean given a value is refused, never read as yes or no (--yes=no would have been yes to a reader of the docs)', () => {
		expect(refusal(['run', '--yes=no'])).toEqual({message: 'option --yes takes no value (--yes=no)', hint: 'Give --yes for yes, --no-yes for no, or leave it out.'});
		expect(refusal(['run', '--no-save-secrets=true']).message).toBe('option --no-save-secrets takes no value (--no-save-secrets=true)');
		expect(refusal(['--help=plan'])).toEqual({message: 'option --help takes no value (--help=plan)', hint: 'Give --help alone.'});
	});

	it('control characters in what is quoted are escaped', () => {
		expect(refusal(['--fr\u001B[2Job']).message).not.toContain('\u001B');
	});
});

describe('parseCli: --help and --version', () => {
	it('alone, or anywhere before -- beside a command and options: asked for, so that nothing runs', () => {
		expect(parseCli(['--help']).asks).toBe('help');
		expect(parseCli(['--version']).asks).toBe('version');
		expect(parseCli(['run', '--yes', '--help']).asks).toBe('help');
		expect(parseCli(['plan', '--version', '--answers', 'a.json']).asks).toBe('version');
		expect(parseCli(['--version', '--help']).asks).toBe('help');
	});

	it('an unknown option beside them is still refused', () => {
		expect(refusal(['--help', '--frobnicate']).message).toBe('unknown option --frobnicate');
	});
});

describe('the help text', () => {
	it('lists every option of the table (those of one command in its Usage line), --help and --version', () => {
		for (const name of [...Object.keys(cliOptions), 'help', 'version']) {
			expect(helpText).toMatch(new RegExp(`--(no-)?${name}\\b`));
		}
	});

	it('has one Options line per option with help, its value placeholder and text at column 26', () => {
		const options = helpText.slice(helpText.indexOf('  Options\n'), helpText.indexOf('\n\n  Exit codes'));
		expect(options).toContain('    --answers FILE        answers and inventory (JSON; see answers --list)\n');
		expect(options).toContain('    --accept-new-host-keys  trust and record SSH host keys');
		expect(options).toContain('    --no-color            plain output\n');
		expect(options.trimEnd().endsWith('    --help, --version')).toBe(true);
	});
});
