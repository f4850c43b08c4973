import {backendLayout} from '../layout.js';
import type {SandboxState} from '../state-types.js';
import type {StagingRecord} from './staging-layout.js';

/** One inventory host: `{"name": "gnt1", "ssh": "root@gnt1.test"}`. */
interface SshHostEntry {
	readonly name: string;
	readonly ssh: string;
}

/**
 * The answers document of a staged sandbox: the sandbox's answers unchanged, and an inventory whose hosts are the
 * staging machines reached over SSH (so every path of the plan is the real one: the host root is '').
 */
export function stagingAnswers(answers: Readonly<Record<string, unknown>>, state: SandboxState, staging: StagingRecord, ipolicyDiskTemplates: Readonly<Record<string, readonly string[]>>) {
	const host = (sandboxHost: string): SshHostEntry => {
		const machine = staging.hosts[sandboxHost];
		if (machine === undefined) {
			throw new Error(`staging: no machine plays the sandbox host '${sandboxHost}'`);
		}

		return {name: machine.name, ssh: machine.ssh};
	};

	const ganeti = backendLayout.map(layout => {
		const backend = state.backends.find(candidate => candidate.id === layout.id)!;
		const templates = ipolicyDiskTemplates[layout.name];
		return {
			name: layout.name,
			master: host(layout.master),
			nodes: backend.nodes.map(node => host(node)),
			...(templates === undefined ? {} : {ipolicyDiskTemplates: [...templates]}),
		};
	});
	return {
		version: 1,
		inventory: {
			astakos: host(state.roles.astakos),
			cyclades: host(state.roles.cyclades),
			pithos: host(state.roles.pithos),
			stats: host(state.roles.stats),
			vncauthproxy: host(state.roles.vncauthproxy),
			db: host(state.roles.db),
			ganeti,
		},
		answers,
	};
}
