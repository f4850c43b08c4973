import type {CliFlags} from '../cli-options.js';

/** What every subcommand gets: parsed flags, positional arguments and the output streams. */
export interface CommandContext {
	readonly input: readonly string[];
	readonly flags: CliFlags;
	readonly stdout: NodeJS.WritableStream;
	readonly stderr: NodeJS.WritableStream;
	readonly env: NodeJS.ProcessEnv;
}

/** A subcommand resolves to the process exit code. */
export type CommandHandler = (context: CommandContext) => Promise<number>;
