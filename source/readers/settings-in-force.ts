import type {Host} from '../domain/inventory-types.js';
import {parseSettingsInForce, type SettingsInForce} from '../domain/parsers/settings-in-force.js';
import {settingsInForceShell} from '../domain/parsers/settings-program.js';
import {hostPath} from '../domain/plan/plan-context.js';
import {readCommand, type ReadContext, type Reading} from './read-command.js';

/**
 * The settings in force on a host, read the way Synnefo reads them: every <settingsDir>/*.conf in
 * sorted order executed into one namespace by the host's own Python (facts §0). Values only for
 * `names`; for every other upper-case name only the files that set it. A file that does not run is a
 * reading (ok: false inside the value) that names the file and the line, not a failed read.
 */
export async function readSettingsInForce(context: ReadContext, settingsDir: string, names: readonly string[]): Promise<Reading<SettingsInForce>> {
	const host: Host = context.executor.host;
	return readCommand(context, `the settings in force (${settingsDir}/*.conf run by the host's Python)`, settingsInForceShell(hostPath(host, settingsDir), names), parseSettingsInForce);
}
