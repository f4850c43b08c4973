import type {CommandOutput, Guard, Verdict} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import {describeSettingsError, parseSettingsReports, type SettingsInForce} from '../parsers/settings-in-force.js';
import {settingsThroughInstallShell} from '../parsers/settings-program.js';
import type {PlanContext} from '../plan-types.js';
import {failedRun, ganetiNodes, parsedVerdict, uniqueHosts, verdict, webHosts} from './builders.js';

/** The keys in force before the install that are not any more, grouped by the file that set them then. */
function lostKeys(now: ReadonlyMap<string, unknown>, before: SettingsInForce & {ok: true}): Map<string, string[]> {
	const byFile = new Map<string, string[]>();
	for (const [name, setting] of before.settings) {
		if (!now.has(name)) {
			byFile.set(setting.file, [...(byFile.get(setting.file) ?? []), name]);
		}
	}

	return byFile;
}

/** Holds when every key in force before dpkg replaced a conffile is still in force (positive evidence only). */
export function settingsKeptVerdict(output: CommandOutput, host: Host): Verdict {
	return failedRun(output) ?? parsedVerdict(() => {
		const reports = parseSettingsReports(output.stdout);
		if (reports.length !== 2) {
			return verdict(false, `cannot tell (the settings reader printed ${reports.length} reports, not 2)`);
		}

		const [now, before] = reports as [SettingsInForce, SettingsInForce];
		if (!now.ok) {
			return verdict(false, `the settings do not run after the install: ${describeSettingsError(now.error)}`);
		}

		if (!before.ok) {
			return verdict(false, `cannot tell (the settings before the install do not run: ${describeSettingsError(before.error)})`);
		}

		const lost = lostKeys(now.settings, before);
		if (lost.size === 0) {
			const replaced = before.files.filter(file => file.endsWith('.dpkg-old')).length;
			return verdict(true, `all ${before.settings.size} keys in force before the install still are on ${host.id}${replaced > 0 ? ` (${replaced} conffile(s) replaced)` : ''}`);
		}

		const where = [...lost].map(([file, names]) => `${names.join(', ')} (kept in ${file})`).join('; ');
		return verdict(false, `the package install replaced settings files on ${host.id} and these keys are no longer in force: ${where}`);
	});
}

/**
 * After install-packages (issue 9 item 5): aptConffiles=new replaces every conffile the admin changed
 * with the maintainer's all-commented version and keeps the admin's as NAME.dpkg-old. dpkg's .dpkg-old
 * is the record of the settings before the install: the keys in force with each .dpkg-old read in its
 * file's place must all still be in force.
 */
export const settingsKeptThroughInstall = (ctx: PlanContext): Guard[] =>
	uniqueHosts([...webHosts(ctx), ...(ctx.inventory.stats ? [ctx.inventory.stats] : []), ...ganetiNodes(ctx)]).map(host => ({
		host,
		shell: settingsThroughInstallShell(ctx.path(host, ctx.text('settingsDir'))),
		asRoot: true,
		description: `the settings keys in force before the package install are still in force on ${host.id}`,
		holds: (output: CommandOutput) => settingsKeptVerdict(output, host),
		fix: `set the keys again from the .dpkg-old file(s) named (merge them into the new files on ${host.id}; or, for a key you meant to drop, move the .dpkg-old away), then run again`,
		// The settings files and their .dpkg-old under the settings directory, read by the host's Python.
		hostLocal: true,
	}));
