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

/** The tiny wrapper each DIR/bin/<program> (and each tool) is: node + shim-main.js + the program name. */
export function wrapperScript(node: string, shimMain: string, program: string): string {
	return `#!/bin/sh\nexec ${quote(node)} ${quote(shimMain)} ${program} "$@"\n`;
}
