import type {CommandOutput, Probe, Verdict} from '../action-types.js';
import {installedVersions} from '../parsers/dpkg-query.js';
import {isSha512Crypt, parseVncUsers, vncUsersAwk, vncUsersMissing, vncUsersPresent} from '../parsers/vnc-users.js';
import type {PlanContext} from '../plan-types.js';
import {shellQuote} from '../shell-quote.js';
import {cannotTell, failedRun, parsedVerdict, probe, verdict} from './builders.js';
import {restartProbe} from './restart-probes.js';

/** The daemon's pid file (facts §4: --pid-file default, kept by DAEMON_OPTS="--pid-file=$PIDFILE"). */
export const vncPidFile = '/var/run/vncauthproxy/vncauthproxy.pid';

/** Whether a snf-vncauthproxy version is 1.5 or newer; undefined when it cannot be read. */
function isAtLeast15(version: string): boolean | undefined {
	const match = /^(?:\d+:)?(\d+)\.(\d+)/.exec(version);
	if (match === null) {
		return undefined;
	}

	const [major, minor] = [Number(match[1]), Number(match[2])];
	return major > 1 || (major === 1 && minor >= 5);
}

/** install-vncauthproxy: snf-vncauthproxy is installed at 1.5 or newer. */
export function atLeast15(output: CommandOutput): Verdict {
	return parsedVerdict(() => {
		const version = installedVersions(output, ['snf-vncauthproxy']).get('snf-vncauthproxy');
		if (version === undefined) {
			return verdict(false, 'snf-vncauthproxy is not installed');
		}

		const newEnough = isAtLeast15(version);
		return newEnough === undefined ? cannotTell(`cannot read the version ${JSON.stringify(version)}`) : verdict(newEnough, `snf-vncauthproxy ${version}`);
	});
}

/** Done when the user has exactly one well-formed SHA-512 crypt line (read with the hash masked). */
function usersVerdict(output: CommandOutput, user: string, file: string): Verdict {
	return failedRun(output) ?? parsedVerdict(() => {
		const lines = parseVncUsers(output.stdout);
		if (lines === undefined) {
			return verdict(false, `${file} does not exist`);
		}

		const own = lines.filter(line => line.user === user);
		if (own.length === 0) {
			return verdict(false, `${user} is not in ${file} (${lines.length} other user line${lines.length === 1 ? '' : 's'})`);
		}

		if (own.length > 1) {
			return cannotTell(`${user} has ${own.length} lines in ${file}: which one vncauthproxy reads is not known`);
		}

		return isSha512Crypt(own[0]!)
			? verdict(true, `${user} has a SHA-512 crypt line (salt ${own[0]!.prefix.length - 4} characters, hash 86) in ${file}`)
			: cannotTell(`${user}'s line in ${file} is not a SHA-512 crypt entry ($6$<salt>$<86 characters>)`);
	});
}

/** The users file read with awk, each hash replaced by its length and alphabet. */
export function vncUserProbe(ctx: PlanContext): Probe {
	const host = ctx.inventory.vncauthproxy;
	const user = ctx.text('vncUser');
	const file = ctx.path(host, ctx.text('vncauthproxyUsersFile'));
	const script = `if [ -e ${shellQuote(file)} ]; then echo ${shellQuote(vncUsersPresent)}; awk -F: ${shellQuote(vncUsersAwk)} ${shellQuote(file)}; else echo ${shellQuote(vncUsersMissing)}; fi`;
	return probe(host, {pipeline: [{script}]}, `${user} has a SHA-512 crypt line in ${file}`, output => usersVerdict(output, user, file));
}

/** vncauthproxy 1.5 or newer runs, started after its users file and defaults last changed. */
export function vncRestartProbe(ctx: PlanContext): Probe {
	const host = ctx.inventory.vncauthproxy;
	const watch = {
		service: 'vncauthproxy',
		pidFiles: [ctx.path(host, vncPidFile)],
		inputs: [ctx.path(host, ctx.text('vncauthproxyUsersFile')), ctx.path(host, ctx.text('vncauthproxyDefaultsFile'))],
		version: {name: 'snf-vncauthproxy', wanted: '1.5 or newer', matches: (version: string) => isAtLeast15(version) === true},
	};
	return restartProbe(host, watch, 'vncauthproxy 1.5 runs, started after its users file and defaults last changed');
}
