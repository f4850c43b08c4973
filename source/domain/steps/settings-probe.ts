import type {Action, Arg, CommandOutput, Probe, PyValue, Verdict} from '../action-types.js';
import type {Host} from '../inventory-types.js';
import type {PlanContext} from '../plan-types.js';
import {describeSettingsError, parseSettingsInForce, type SettingInForce} from '../parsers/settings-in-force.js';
import {settingsExpectShell} from '../parsers/settings-program.js';
import {printable} from '../printable.js';
import {isSecretPyValue, pythonLiteralInline} from '../transforms/python-literal.js';
import {cannotTell, failedRun, parsedVerdict, verdict} from '../verdicts.js';

/** A setting as a step leaves it: in force with this value, or no longer set by this file (commented out there). */
export type SettingWanted = {readonly name: string; readonly value: PyValue} | {readonly name: string; readonly notSetBy: string};

const hasValue = (wanted: SettingWanted): wanted is {readonly name: string; readonly value: PyValue} => 'value' in wanted;

/** The value as JSON (a secret as its value, tuples as lists), for the settings program's `--expect`. */
function jsonValue(value: PyValue): unknown {
	if (value === null || typeof value !== 'object') {
		return value;
	}

	if (isSecretPyValue(value)) {
		return value.value;
	}

	if ('tuple' in value) {
		return value.tuple.map(item => jsonValue(item));
	}

	if ('list' in value) {
		return value.list.map(item => jsonValue(item));
	}

	return Object.fromEntries(value.dict.map(([key, item]) => [key, jsonValue(item)]));
}

/** The answer keys of the secrets inside a value. */
function secretsIn(value: PyValue): string[] {
	if (value === null || typeof value !== 'object') {
		return [];
	}

	if (isSecretPyValue(value)) {
		return [value.secret];
	}

	const items = 'tuple' in value ? value.tuple : 'list' in value ? value.list : value.dict.map(([, item]) => item);
	return items.flatMap(item => secretsIn(item));
}

const samePath = (one: string, other: string) => one.replaceAll(/\/+/g, '/') === other.replaceAll(/\/+/g, '/');
const baseName = (file: string) => printable(file.split('/').at(-1) ?? file);

/**
 * The verdict on the settings in force the settings program printed: a failed run, settings that do not run
 * or a missing settings directory cannot tell; otherwise what `judge` says of them (a parse error: cannot tell).
 */
export function settingsInForceVerdict(output: CommandOutput, judge: (settings: ReadonlyMap<string, SettingInForce>) => Verdict): Verdict {
	return parsedVerdict(() => {
		const failed = failedRun(output);
		if (failed) {
			return failed;
		}

		const reading = parseSettingsInForce(output.stdout);
		if (!reading.ok) {
			return cannotTell(`the settings do not run: ${printable(describeSettingsError(reading.error))}`);
		}

		return reading.missingDirectory ? cannotTell(`${printable(reading.directory)} does not exist`) : judge(reading.settings);
	});
}

function judge(wanted: readonly SettingWanted[], settings: ReadonlyMap<string, SettingInForce>): Verdict {
	const wrong: string[] = [];
	const right: string[] = [];
	for (const setting of wanted) {
		const found = settings.get(setting.name);
		if (!hasValue(setting)) {
			if (found?.files.some(file => samePath(file, setting.notSetBy))) {
				wrong.push(`${setting.name} is still set in ${baseName(setting.notSetBy)}`);
			} else {
				right.push(`${setting.name} not set in ${baseName(setting.notSetBy)}`);
			}

			continue;
		}

		if (found === undefined) {
			wrong.push(`${setting.name} is set by no file`);
			continue;
		}

		if (found.equal === undefined) {
			throw new Error(`the settings reader did not compare ${setting.name}`);
		}

		if (found.equal) {
			right.push(`${setting.name} (${baseName(found.file)})`);
		} else if (secretsIn(setting.value).length > 0) {
			wrong.push(`${setting.name} in force (set in ${baseName(found.file)}) is not the intended value`);
		} else {
			wrong.push(`${setting.name} in force is ${printable(found.repr ?? '?')} (set in ${baseName(found.file)}), not ${pythonLiteralInline(setting.value, 'mask')}`);
		}
	}

	return wrong.length === 0 ? verdict(true, right.join(', ')) : verdict(false, wrong.join('; '));
}

function describeWanted(host: Host, wanted: readonly SettingWanted[]): string {
	const set = wanted.filter(setting => hasValue(setting)).map(setting => setting.name);
	const commented = [...new Set(wanted.filter(setting => !hasValue(setting)).map(setting => setting.name))];
	return [
		set.length === 0 ? '' : `${set.join(', ')} in force on ${host.id} as intended`,
		commented.length === 0 ? '' : `${commented.join(', ')} no longer set where commented out`,
	].filter(Boolean).join('; ');
}

/**
 * Done when every setting is in force on the host as the step leaves it, read as Synnefo reads them
 * (every *.conf of settingsDir run in sorted order in one namespace by the host's Python), so a later file
 * that overrides the edited one is seen. Intended values travel on stdin (they may hold secrets); only
 * non-secret values in force are shown. A reading that does not run or cannot be read is "cannot tell".
 */
export function settingsProbe(ctx: PlanContext, host: Host, wanted: readonly SettingWanted[], description?: string): Probe {
	const valued = wanted.filter(setting => hasValue(setting));
	const shown = valued.filter(setting => secretsIn(setting.value).length === 0).map(setting => setting.name);
	const expected = JSON.stringify(Object.fromEntries(valued.map(setting => [setting.name, jsonValue(setting.value)])));
	const secret = valued.flatMap(setting => secretsIn(setting.value))[0];
	const stdin: Arg = secret === undefined ? expected : {secret, value: expected};
	return {
		host,
		shell: settingsExpectShell(ctx.path(host, ctx.text('settingsDir')), shown, stdin),
		asRoot: true,
		description: description ?? describeWanted(host, wanted),
		isDone: output => settingsInForceVerdict(output, settings => judge(wanted, settings)),
	};
}

/**
 * One settings probe per host for the Python settings edits among `actions`: each `python-set` name in force
 * with its value (the last edit of a name wins), each `python-comment-out` name no longer set by its file.
 */
export function editedSettingsProbes(ctx: PlanContext, actions: readonly Action[]): Probe[] {
	const byHost = new Map<string, {host: Host; wanted: Map<string, SettingWanted>}>();
	for (const action of actions) {
		if (action.kind !== 'edit' || action.validate !== 'python') {
			continue;
		}

		const entry = byHost.get(action.host.id) ?? {host: action.host, wanted: new Map<string, SettingWanted>()};
		byHost.set(action.host.id, entry);
		for (const fileEdit of action.edits) {
			if (fileEdit.op === 'python-set') {
				entry.wanted.set(fileEdit.name, {name: fileEdit.name, value: fileEdit.value});
			} else if (fileEdit.op === 'python-comment-out') {
				entry.wanted.set(`${fileEdit.name} ${action.path}`, {name: fileEdit.name, notSetBy: action.path});
			}
		}
	}

	return [...byHost.values()].map(({host, wanted}) => settingsProbe(ctx, host, [...wanted.values()]));
}
