import type {Arg, CommandAction, SecretArg} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import {command, type CommandOptions} from './builders.js';

/**
 * snf-manage's own entry point (console_scripts `snf-manage = synnefo.webproject.manage:main`, which sets
 * DJANGO_SETTINGS_MODULE itself) run by the host's Python with `--OPTION=SECRET` put into sys.argv in memory:
 * the secret is read from stdin, so it is in no process's argv (/proc/PID/cmdline keeps what exec was given).
 * `python -c PROGRAM SUBCOMMAND --OPTION ARGS…` runs `snf-manage SUBCOMMAND --OPTION=SECRET ARGS…`.
 * One `--OPTION=SECRET` word: Django's first, lax pass over argv cannot take a secret that starts with
 * `--settings=` as an option of its own. No line, or an empty one, stops before Django is loaded.
 */
export const snfManageStdinProgram = [
	'import sys',
	's = sys.stdin.readline().rstrip("\\n")',
	's or sys.exit("snf-upgrade: no secret on stdin")',
	'sys.argv[:3] = ["snf-manage", sys.argv[1], sys.argv[2] + "=" + s]',
	'from synnefo.webproject.manage import main',
	'main()',
].join('; ');

/** `snf-manage SUBCOMMAND OPTION=SECRET ARGS…` as root, with the secret fed on stdin instead of argv. */
export const snfManageWithSecretOnStdin = (
	host: Host,
	subcommand: string,
	option: string,
	secret: SecretArg,
	args: readonly Arg[],
	options: CommandOptions = {},
): CommandAction => command(host, {pipeline: [{argv: ['python', '-c', snfManageStdinProgram, subcommand, option, ...args]}], stdin: secret}, options);
