/** How commands that need root can run on a host, as the login user finds it. */
export type RootAccess = 'root' | 'sudo -n' | 'sudo asks for a password' | 'no sudo';

/**
 * Read-only, as the login user: the user name and id, then whether root is the login itself, sudo
 * without a terminal (`sudo -n`), sudo that asks for a password (or refuses the user: sudo asks a
 * user it does not know for a password first), or no sudo at all.
 */
export const rootAccessScript = 'printf "%s %s\\n" "$(id -un)" "$(id -u)"; if [ "$(id -u)" = 0 ]; then echo root; elif ! command -v sudo >/dev/null 2>&1; then echo none; elif sudo -n true 2>/dev/null; then echo sudo; else echo password; fi';

const accessOf: Readonly<Record<string, RootAccess>> = {root: 'root', sudo: 'sudo -n', password: 'sudo asks for a password', none: 'no sudo'};

/** The output of rootAccessScript → the login user and the root access; throws on anything else. */
export function parseRootAccess(stdout: string): {readonly user: string; readonly access: RootAccess} {
	const [identity = '', verdict = ''] = stdout.trim().split('\n');
	const user = /^(\S+) \d+$/.exec(identity)?.[1];
	const access = accessOf[verdict.trim()];
	if (user === undefined || access === undefined) {
		throw new Error(`the root access check printed ${JSON.stringify(stdout.trim().slice(0, 80))}, not "USER UID" and root, sudo, password or none`);
	}

	return {user, access};
}
