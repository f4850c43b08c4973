import type {ShimContext} from './shims/context.js';

export type Shim = (context: ShimContext) => Promise<number>;

/** The programs the sandbox simulates, one module each, loaded on demand. */
export const programs: Readonly<Record<string, () => Promise<Shim>>> = {
	'snf-manage': async () => (await import('./shims/snf-manage.js')).default,
	'pithos-migrate': async () => (await import('./shims/pithos-migrate.js')).default,
	'snf-component-register': async () => (await import('./shims/component-register.js')).default,
	'snf-service-export': async () => (await import('./shims/service-export.js')).default,
	add_unique_name_to_nics: async () => (await import('./shims/tools.js')).addUniqueNameToNics,
	update_to_floating_ips: async () => (await import('./shims/tools.js')).updateToFloatingIps,
	service: async () => (await import('./shims/service.js')).default,
	'apt-get': async () => (await import('./shims/apt-get.js')).default,
	'dpkg-query': async () => (await import('./shims/dpkg-query.js')).default,
	'gnt-cluster': async () => (await import('./shims/gnt-cluster.js')).default,
	'gnt-group': async () => (await import('./shims/gnt-group.js')).default,
	'gnt-instance': async () => (await import('./shims/gnt-instance.js')).default,
	'vncauthproxy-passwd': async () => (await import('./shims/vncauthproxy-passwd.js')).default,
	pg_dump: async () => (await import('./shims/postgres.js')).pgDump,
	pg_restore: async () => (await import('./shims/pg-archive.js')).pgRestore,
	su: async () => (await import('./shims/postgres.js')).su,
	shibd: async () => (await import('./shims/shibd.js')).default,
	python: async () => (await import('./shims/python.js')).default,
};

export const toolPrograms: readonly string[] = ['add_unique_name_to_nics', 'update_to_floating_ips'];

/** Programs placed in DIR/bin (the two Synnefo tools go to the Cyclades host's tools directory instead). */
export const binPrograms = Object.keys(programs).filter(name => !toolPrograms.includes(name));


const quote = (text: string) => `'${text.replaceAll("'", String.raw`'\''`)}'`;

/** Where a wrapper keeps the caller's NODE_EXTRA_CA_CERTS while node starts; shim-main puts it back (restoreCallerEnvironment). */
const keptCaCerts = 'SNF_SANDBOX_KEPT_NODE_EXTRA_CA_CERTS';

/**
 * How a wrapper starts a shim: node + shim-main.cjs + the program name, with NODE_EXTRA_CA_CERTS empty (node 20
 * parses that whole CA bundle at every start-up, ~60 ms of CPU, and no shim speaks TLS) and the caller's
 * value kept aside, so the shim and what it runs see the environment the caller gave.
 */
export function shimExec(node: string, shimMain: string, program: string): string {
	return `[ -z "\${NODE_EXTRA_CA_CERTS+set}" ] || export ${keptCaCerts}="$NODE_EXTRA_CA_CERTS"; NODE_EXTRA_CA_CERTS= exec ${quote(node)} ${quote(shimMain)} ${program} "$@"`;
}

/** The tiny wrapper each DIR/bin/<program> (and each tool) is (shimExec). */
export function wrapperScript(node: string, shimMain: string, program: string): string {
	return `#!/bin/sh\n${shimExec(node, shimMain, program)}\n`;
}

/** Puts back the NODE_EXTRA_CA_CERTS the wrapper kept aside (or takes away the empty one it set). */
export function restoreCallerEnvironment(env: NodeJS.ProcessEnv): void {
	const kept = env[keptCaCerts];
	delete env[keptCaCerts];
	if (kept !== undefined) {
		env['NODE_EXTRA_CA_CERTS'] = kept;
	} else if (env['NODE_EXTRA_CA_CERTS'] === '') {
		delete env['NODE_EXTRA_CA_CERTS'];
	}
}
