import {hostList} from '../host-list.js';
import type {Host} from '../inventory-types.js';
import type {RootAccess} from '../parsers/root-access.js';
import {printable} from '../printable.js';

/** Whether a question asked only when it is needed (the sudo password) is, and why; 'checking' while the hosts are read. */
export type QuestionNeed =
	| {readonly state: 'checking'; readonly why: string}
	| {readonly state: 'needed'; readonly why: string}
	| {readonly state: 'not needed'; readonly why: string};

/** What the root access check found on one host: the access, or why it could not tell. */
export type SudoFinding = {readonly host: Host; readonly access: RootAccess} | {readonly host: Host; readonly problem: string};

/** The first line of a problem, without its full stop, shortened: it goes inside a sentence. */
const firstLine = (problem: string) => problem.split('\n')[0]!.replace(/\.$/, '').slice(0, 120);

/** At most this many hosts are named in the question's reason; the rest are counted. */
const namedHosts = 6;

/**
 * The hosts whose commands as root go through sudo by the inventory: a login user other than root, or
 * `"sudo": true` (an SSH login whose user comes from ~/.ssh/config, a local host). The others run as root
 * directly and never meet sudo.
 */
export function hostsThroughSudo(hosts: readonly Host[]): Host[] {
	return hosts.filter(host => host.sudo && !(host.target.kind === 'ssh' && host.target.user === 'root'));
}

/** Without hosts through sudo there is nothing to check. */
export const noHostThroughSudo: QuestionNeed = {state: 'not needed', why: 'every host is local or logs in as root: no command goes through sudo'};

export function checkingSudo(hosts: readonly Host[]): QuestionNeed {
	return {state: 'checking', why: `Checking whether sudo asks for a password on ${printable(hostList(hosts.map(host => host.id), namedHosts))}…`};
}

/**
 * Asked when sudo asks for a password on some host, or when the check could not tell (a host it could not
 * reach); not asked when every host through sudo runs it without a terminal (`sudo -n`) or logs in as root.
 * A host without sudo is left to the preflight: a password cannot help there.
 */
export function sudoPasswordNeed(findings: readonly SudoFinding[]): QuestionNeed {
	const asking = findings.filter(finding => 'access' in finding && finding.access === 'sudo asks for a password').map(finding => finding.host.id);
	const unknown = findings.flatMap(finding => ('problem' in finding ? [finding] : []));
	if (asking.length === 0 && unknown.length === 0) {
		return {state: 'not needed', why: 'sudo runs without a password (sudo -n) on every host that uses it'};
	}

	const reasons = [
		...(asking.length === 0 ? [] : [`sudo asks for a password on ${hostList(asking, namedHosts)}: without it their commands as root fail (sudo -n)`]),
		...(unknown.length === 0 ? [] : [`cannot tell on ${hostList(unknown.map(finding => finding.host.id), namedHosts)} (${firstLine(unknown[0]!.problem)})`]),
	];
	const ifNone = asking.length === 0 ? ' Leave it empty if sudo there needs none.' : '';
	return {state: 'needed', why: printable(`Asked because ${reasons.join('; ')}.${ifNone}`)};
}
