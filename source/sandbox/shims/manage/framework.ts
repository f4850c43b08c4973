import {loadState, updateState} from '../../state.js';
import type {SandboxState} from '../../state-types.js';
import type {Release} from '../../versions.js';
import type {ShimContext} from '../context.js';
import type {OptionSpec, ParsedOptions} from '../options.js';

/** Django's CommandError: printed as `Error: <message>` on stderr, exit 1 (facts §3.1). */
export class CommandError extends Error {}

/** An uncaught Python exception: printed as a traceback tail on stderr, exit 1. */
export class PythonException extends Error {}

export type Provider = 'snf-astakos-app' | 'snf-cyclades-app' | 'snf-webproject';

export interface ManageContext extends ShimContext {
	/** Release of the package that provides the command on this host. */
	readonly release: Release;
	readonly settingsDir: string;
	state(): SandboxState;
	update<T>(change: (state: SandboxState) => T): T;
}

export interface ManageCommand {
	readonly name: string;
	/** The `args` usage text of the Django command, e.g. '<identifier>'. */
	readonly usageArgs: string;
	readonly provider: Provider;
	/** The first release that has the command (absent: every release). */
	readonly since?: Release;
	options(release: Release): readonly OptionSpec[];
	run(context: ManageContext, parsed: ParsedOptions): Promise<number> | number;
}

/** Options every Django 1.4 management command accepts. */
export const djangoOptions: readonly OptionSpec[] = [
	{long: '--verbosity', short: '-v', kind: 'value', choices: ['0', '1', '2', '3']},
	{long: '--settings', kind: 'value'},
	{long: '--pythonpath', kind: 'value'},
	{long: '--traceback', kind: 'flag'},
];

/** SynnefoCommand's --output-format. */
export const outputFormatOption: OptionSpec = {long: '--output-format', kind: 'value', choices: ['pretty', 'csv', 'json']};

export function managementContext(shim: ShimContext, release: Release, settingsDir: string): ManageContext {
	return {
		...shim,
		release,
		settingsDir,
		state: () => loadState(shim.sandbox),
		update: change => updateState(shim.sandbox, change),
	};
}

const schemaHeads: Readonly<Record<string, number>> = {im: 62, oa2: 4, quotaholder_app: 11, db: 98, userdata: 3};

/** The database error a 0.15 command hits while the schema is still the 0.14 one (migrate not run yet). */
export function requireMigrated(context: ManageContext, app: string, relation: string): void {
	const state = context.state();
	if (context.release === '0.15' && (state.migrations[app] ?? 0) < (schemaHeads[app] ?? 0)) {
		throw new PythonException(`django.db.utils.DatabaseError: relation "${relation}" does not exist\nLINE 1: SELECT COUNT(*) FROM "${relation}"`);
	}
}
