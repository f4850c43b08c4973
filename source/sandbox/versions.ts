import type {SandboxState} from './state-types.js';

export type Release = '0.14' | '0.15';

/** The Synnefo release of a package installed on a host, or undefined when it is not installed. */
export function releaseOf(state: SandboxState, host: string, pkg: string): Release | undefined {
	const version = state.hosts[host]?.packages[pkg];
	if (version === undefined) {
		return undefined;
	}

	return version.startsWith('0.15') || version.startsWith('1.5') ? '0.15' : '0.14';
}

/** Whether a service runs on a host. */
export function isRunning(state: SandboxState, host: string, service: string): boolean {
	return state.hosts[host]?.services[service]?.running ?? false;
}
