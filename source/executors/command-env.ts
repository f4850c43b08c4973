import process from 'node:process';

/**
 * The environment a local command gets on top of the inherited one (execa's extendEnv): the host's env
 * from the inventory, SHELL=/bin/sh under script(1), and every inherited variable whose value is one of
 * the secrets removed (undefined: execa leaves it out). A secret read with {"fromEnv"} or
 * --set KEY=env:NAME is in snf-upgrade's own environment; commands get secrets on stdin, a prompt or a
 * file, never from the environment, which others can read (/proc/PID/environ as the same user or root,
 * `ps e`), and which every child would pass on again.
 */
export function commandEnv(
	targetEnv: Readonly<Record<string, string>>,
	pty: boolean,
	secrets: readonly string[] = [],
	inherited: NodeJS.ProcessEnv = process.env,
): Record<string, string | undefined> {
	const values = new Set(secrets.filter(secret => secret !== ''));
	const withheld = Object.entries(inherited)
		.filter(([, value]) => value !== undefined && values.has(value))
		.map(([name]) => [name, undefined] as const);
	return {...Object.fromEntries(withheld), ...(pty ? {SHELL: '/bin/sh'} : {}), ...targetEnv};
}
