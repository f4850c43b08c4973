import type {CommandHandler} from './command.js';

/** Subcommands by name, loaded on demand so `plan` never loads ssh2 or Ink. */
export const commands: Readonly<Record<string, () => Promise<CommandHandler>>> = {
	answers: async () => (await import('./answers.js')).default,
	plan: async () => (await import('./plan.js')).default,
	run: async () => (await import('./run.js')).default,
	check: async () => (await import('./check.js')).default,
	status: async () => (await import('./status.js')).default,
	sandbox: async () => (await import('./sandbox.js')).default,
	'ansible-verdict': async () => (await import('./ansible-verdict.js')).default,
	'ansible-edit': async () => (await import('./ansible-edit.js')).default,
	rehearse: async () => (await import('./rehearse.js')).default,
};
