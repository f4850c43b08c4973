import type {CommandAction, Shell} from './action-types.js';

/** A command that is not a package install or a migration: generous, for a slow host. */
export const defaultTimeLimitMinutes = 30;

/** Package installs (apt-get, dpkg) and database migrations: they may legitimately run long. */
export const longTimeLimitMinutes = 120;

/** After this long without a line of output, the admin is told the command still runs (and its limit). */
export const quietNoticeMinutes = 5;

function isLong(shell: Shell): boolean {
	return shell.pipeline.some(command => {
		if (!('argv' in command)) {
			return false;
		}

		// Leading NAME=value words are environment assignments (DEBIAN_FRONTEND=noninteractive apt-get …).
		const all = command.argv.map(arg => (typeof arg === 'string' ? arg : ''));
		const words = all.slice(Math.max(0, all.findIndex(word => !/^[A-Za-z_]\w*=/.test(word))));
		const program = words[0]?.split('/').at(-1) ?? '';
		return ['apt-get', 'apt', 'dpkg', 'pithos-migrate'].includes(program) || (program === 'snf-manage' && words.includes('migrate'));
	});
}

/** The time limit of a command action: its own, else long for package installs and migrations, else the default. */
export function timeLimitMinutes(action: Pick<CommandAction, 'shell' | 'timeLimitMinutes'>): number {
	return action.timeLimitMinutes ?? (isLong(action.shell) ? longTimeLimitMinutes : defaultTimeLimitMinutes);
}
