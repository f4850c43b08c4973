import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

export const projectName = 'snf-upgrade';

/**
 * The state directory: --state-dir, else the per-user config directory conf uses by default
 * (env-paths style, without conf's "-nodejs" suffix): `$XDG_CONFIG_HOME/snf-upgrade`,
 * `~/.config/snf-upgrade`; `~/Library/Preferences/snf-upgrade` on macOS; `%APPDATA%\snf-upgrade\Config` on Windows.
 */
export function stateDirectory(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
	if (flag !== undefined && flag !== '') {
		return path.resolve(flag);
	}

	const home = env.HOME ?? os.homedir();
	if (platform === 'darwin') {
		return path.join(home, 'Library', 'Preferences', projectName);
	}

	if (platform === 'win32') {
		return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), projectName, 'Config');
	}

	const xdg = env.XDG_CONFIG_HOME;
	return path.join(xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(home, '.config'), projectName);
}

/** Where each kind of state lives inside the state directory. */
export interface StatePaths {
	readonly root: string;
	/** The saved answers (conf file). */
	readonly answers: string;
	/** One journal per deployment. */
	readonly journals: string;
	readonly transcripts: string;
	/** Rehearsal sandboxes made by `snf-upgrade rehearse`. */
	readonly rehearsals: string;
	/** Host lists of failed runs, for `run --yes --hosts @FILE`. */
	readonly retry: string;
}

export const answersFileName = 'answers';

export function statePaths(root: string): StatePaths {
	return {
		root,
		answers: path.join(root, `${answersFileName}.json`),
		journals: path.join(root, 'journals'),
		transcripts: path.join(root, 'transcripts'),
		rehearsals: path.join(root, 'rehearsals'),
		retry: path.join(root, 'retry'),
	};
}

/** A timestamp usable in file names, sortable: 2025-01-31T12-30-05-123Z. */
export function fileTimestamp(date: Date = new Date()): string {
	return date.toISOString().replaceAll(':', '-').replace('.', '-');
}
