import type {
	Arg,
	BackupNote,
	Command,
	CommandAction,
	CommandOutput,
	EditAction,
	FileEdit,
	FileValidation,
	Probe,
	PromptRule,
	Shell,
	Verdict,
} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import type {FactRequest, PlanContext} from '../plan-types.js';
import {shellQuote} from '../shell-quote.js';

/** Hosts in first-seen order, each machine once (two roles on one machine share the Host id). */
export function uniqueHosts(hosts: readonly Host[]): Host[] {
	const seen = new Set<string>();
	return hosts.filter(host => {
		if (seen.has(host.id)) {
			return false;
		}

		seen.add(host.id);
		return true;
	});
}

/** The Astakos, Cyclades and Pithos hosts (the ones running gunicorn), each machine once. */
export const webHosts = (ctx: PlanContext): Host[] => uniqueHosts([ctx.inventory.astakos, ctx.inventory.cyclades, ctx.inventory.pithos]);

/** The master of every Ganeti backend, each machine once. */
export const ganetiMasters = (ctx: PlanContext): Host[] => uniqueHosts(ctx.inventory.ganeti.map(backend => backend.master));

/** Every node of every Ganeti backend (masters included), each machine once. */
export const ganetiNodes = (ctx: PlanContext): Host[] => uniqueHosts(ctx.inventory.ganeti.flatMap(backend => [backend.master, ...backend.nodes]));

export const argv = (...args: readonly Arg[]): Shell => ({pipeline: [{argv: args}]});
export const pipeline = (...commands: readonly Command[]): Shell => ({pipeline: commands});

export interface CommandOptions {
	/** Default true: most runbook commands change the host. */
	readonly mutates?: boolean;
	/** Default true: the runbook runs everything as root. */
	readonly asRoot?: boolean;
	readonly prompts?: readonly PromptRule[];
	readonly pty?: boolean;
	readonly note?: string;
	readonly check?: (output: CommandOutput) => Verdict;
	readonly okExitCodes?: readonly number[];
	readonly backup?: BackupNote;
}

export function command(host: Host, shell: Shell, options: CommandOptions = {}): CommandAction {
	return {
		kind: 'command',
		host,
		shell,
		mutates: options.mutates ?? true,
		asRoot: options.asRoot ?? true,
		prompts: options.prompts ?? [],
		pty: options.pty ?? false,
		...(options.note === undefined ? {} : {note: options.note}),
		...(options.check === undefined ? {} : {check: options.check}),
		...(options.okExitCodes === undefined ? {} : {okExitCodes: options.okExitCodes}),
		...(options.backup === undefined ? {} : {backup: options.backup}),
	};
}

/** `service NAME VERB` (the runbook's init-script form) as root. */
export const service = (host: Host, name: string, verb: 'start' | 'stop' | 'restart', note?: string): CommandAction =>
	command(host, argv('service', name, verb), note === undefined ? {} : {note});

/** `snf-manage ARGS…` as root (it reads /etc/synnefo, whose files may be readable by root only). */
export const snfManage = (host: Host, args: readonly Arg[], options: CommandOptions = {}): CommandAction =>
	command(host, argv('snf-manage', ...args), options);

export const edit = (host: Host, path: string, edits: readonly FileEdit[], validate: FileValidation, note?: string): EditAction => ({
	kind: 'edit',
	host,
	path,
	edits,
	validate,
	...(note === undefined ? {} : {note}),
});

export const probe = (
	host: Host,
	shell: Shell,
	description: string,
	isDone: (output: CommandOutput) => Verdict,
	asRoot = true,
): Probe => ({host, shell, asRoot, isDone, description});

export const fact = (key: string, host: Host, shell: Shell, description: string, asRoot = true): FactRequest => ({
	key,
	host,
	shell,
	asRoot,
	description,
});

/** A regular expression source that matches `text` literally. */
export const literal = (text: string): string => text.replaceAll(/[.*+?^${}()|[\]\\/]/g, String.raw`\$&`);

export const promptRule = (match: string, answer: Arg, description: string): PromptRule => ({match, answer, description});

/** Django's contenttypes question after syncdb/migrate; the notes say answer no (facts §3.13). */
export const staleContentTypesRule = promptRule(
	literal("Type 'yes' to continue, or 'no' to cancel: "),
	'no',
	"Django's stale content types question (the notes: answer no)",
);

/** Joins a directory answer and a file name (the directory may or may not end with a slash). */
export const joinPath = (directory: string, name: string): string => `${directory.replace(/\/+$/, '')}/${name}`;

/** A Synnefo settings file on a host: `<settingsDir>/<name>` under the host's root. */
export const settingsFile = (ctx: PlanContext, host: Host, name: string): string =>
	ctx.path(host, joinPath(ctx.text('settingsDir'), name));

/** A tool shipped in the Synnefo tools directory (add_unique_name_to_nics, update_to_floating_ips). */
export const tool = (ctx: PlanContext, host: Host, name: string): string => ctx.path(host, joinPath(ctx.text('toolsDir'), name));

export const cycladesApiConf = '20-snf-cyclades-app-api.conf';
export const pithosSettingsConf = '20-snf-pithos-app-settings.conf';
export const astakosSettingsConf = '20-snf-astakos-app-settings.conf';
export const statsSettingsConf = '20-snf-stats-app-settings.conf';

/**
 * `apt-get install` that never asks about a configuration file the admin changed: keep it
 * (aptConffiles keep → --force-confdef --force-confold) or take the package's (new → --force-confnew
 * alone). --force-confdef must not go with --force-confnew: dpkg then prefers the default action, which
 * for a locally modified file is to keep it, so "new" would silently keep the old file (dpkg(1);
 * facts §8 warning 6).
 */
export function aptInstall(ctx: PlanContext, host: Host, packages: readonly string[], note?: string): CommandAction {
	const conffiles = ctx.text('aptConffiles') === 'new' ? ['--force-confnew'] : ['--force-confdef', '--force-confold'];
	return command(
		host,
		argv('DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', ...conffiles.flatMap(option => ['-o', `Dpkg::Options::=${option}`]), ...packages),
		note === undefined ? {} : {note},
	);
}

/**
 * `grep FLAGS -E PATTERN DIR/*.conf`, where "no line matches" (grep's exit 1) is a plain, empty answer
 * but a directory without *.conf files or a file that cannot be read (exit 2) fails: never read as "none".
 */
export const grepSettingsFiles = (directory: string, flags: string, pattern: string): Shell => ({
	pipeline: [{script: `grep ${flags} -E ${shellQuote(pattern)} ${shellQuote(joinPath(directory, ''))}*.conf; test $? -le 1`}],
});

/** `dpkg-query` listing `<package> <version>` lines (facts §6). */
export const dpkgQuery = (packages: readonly string[]): Shell =>
	argv('dpkg-query', '-W', '-f=${Package} ${Version}\\n', ...packages);

export {cannotTell, failedRun, parsedVerdict, verdict} from '../verdicts.js';

/** stdout and stderr together (Synnefo tools log to stderr). */
export const allOutput = (output: CommandOutput): string => `${output.stdout}\n${output.stderr}`;
