import {settingsMarker} from './settings-program.js';

/** One upper-case name set by the settings files of a host. */
export interface SettingInForce {
	readonly name: string;
	/** Every file that assigns it, in the order they run; the last one sets the value in force. */
	readonly files: readonly string[];
	/** The file whose assignment is in force. */
	readonly file: string;
	/** Only for the names asked for: Python's repr() of the value. */
	readonly repr?: string;
	/** Only for the names asked for, when the value is JSON-serialisable (tuples become arrays). */
	readonly json?: unknown;
	/** Only for the names given to `--expect`: whether the value in force is the intended one. */
	readonly equal?: boolean;
}

/** The first settings file that does not run, as every snf-manage call would report it. */
export interface SettingsError {
	readonly file: string;
	/** The line of that file the exception came from (undefined when Python did not say). */
	readonly line: number | undefined;
	/** The exception's class, e.g. SyntaxError, NameError. */
	readonly kind: string;
	/** `<kind>: <message>`. */
	readonly message: string;
}

export type SettingsInForce =
	| {readonly ok: true; readonly python: string; readonly directory: string; readonly missingDirectory: boolean; readonly files: readonly string[]; readonly settings: ReadonlyMap<string, SettingInForce>}
	| {readonly ok: false; readonly python: string; readonly directory: string; readonly files: readonly string[]; readonly error: SettingsError};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] | undefined => (Array.isArray(value) && value.every(item => typeof item === 'string') ? value : undefined);

function fail(why: string): never {
	throw new Error(`the settings reader printed ${why}`);
}

function parseError(raw: unknown): SettingsError {
	if (!isRecord(raw) || typeof raw['file'] !== 'string' || typeof raw['kind'] !== 'string' || typeof raw['message'] !== 'string') {
		fail('an error without file, kind and message');
	}

	return {file: raw['file'], line: typeof raw['line'] === 'number' ? raw['line'] : undefined, kind: raw['kind'], message: raw['message']};
}

function parseSetting(name: string, raw: unknown): SettingInForce {
	const files = isRecord(raw) ? strings(raw['files']) : undefined;
	if (!isRecord(raw) || files === undefined || files.length === 0) {
		fail(`no files for ${name}`);
	}

	return {
		name,
		files,
		file: files.at(-1)!,
		...(typeof raw['repr'] === 'string' ? {repr: raw['repr']} : {}),
		...(Object.hasOwn(raw, 'json') ? {json: raw['json']} : {}),
		...(typeof raw['equal'] === 'boolean' ? {equal: raw['equal']} : {}),
	};
}

/** Parses the settings program's line (see settings-program.ts); anything else is an error, never an empty reading. */
export function parseSettingsInForce(stdout: string): SettingsInForce {
	const line = stdout.split('\n').find(candidate => candidate.startsWith(settingsMarker));
	if (line === undefined) {
		fail(`no ${settingsMarker.trim()} line (got ${JSON.stringify(stdout.trim().slice(0, 80))})`);
	}

	return parseReportLine(line);
}

/** Every report line, in order (settingsThroughInstallShell prints two: now, then before dpkg). */
export function parseSettingsReports(stdout: string): SettingsInForce[] {
	return stdout.split('\n').filter(candidate => candidate.startsWith(settingsMarker)).map(line => parseReportLine(line));
}

function parseReportLine(line: string): SettingsInForce {

	let report: unknown;
	try {
		report = JSON.parse(line.slice(settingsMarker.length));
	} catch (error) {
		fail(`invalid JSON (${(error as Error).message})`);
	}

	const files = isRecord(report) ? strings(report['files']) : undefined;
	if (!isRecord(report) || typeof report['python'] !== 'string' || typeof report['directory'] !== 'string' || files === undefined) {
		fail('a report without python, directory and files');
	}

	const {python, directory} = report;
	if (report['error'] !== undefined) {
		return {ok: false, python, directory, files, error: parseError(report['error'])};
	}

	const missingDirectory = report['missing'] === true;
	const raw = report['settings'] ?? (missingDirectory ? {} : undefined);
	if (!isRecord(raw)) {
		fail('a report without settings');
	}

	const settings = new Map(Object.entries(raw).map(([name, entry]) => [name, parseSetting(name, entry)]));
	return {ok: true, python, directory, missingDirectory, files, settings};
}

/** "SyntaxError: invalid syntax in /etc/synnefo/99-local.conf line 3". */
export function describeSettingsError(error: SettingsError): string {
	return `${error.message} in ${error.file}${error.line === undefined ? '' : ` line ${error.line}`}`;
}

/** A text value in force (JSON string), or undefined when unset or not a string. */
export function settingText(settings: ReadonlyMap<string, SettingInForce>, name: string): string | undefined {
	const json = settings.get(name)?.json;
	return typeof json === 'string' ? json : undefined;
}
