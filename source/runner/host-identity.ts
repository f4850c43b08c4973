import {createHash} from 'node:crypto';
import type {Host} from '../domain/inventory-types.js';
import {shellQuote} from '../domain/shell-quote.js';

/**
 * The read-only command that prints what identifies a machine: /etc/machine-id (systemd), else the
 * D-Bus machine id, else its SSH host public keys. A sandbox host's root has its own etc/machine-id,
 * made anew by every `snf-upgrade sandbox`, so a sandbox made again at the same path is another deployment.
 */
export function identityCommand(host: Host): string {
	const root = host.target.kind === 'local' ? host.target.root.replace(/\/+$/, '') : '';
	const file = (name: string) => shellQuote(`${root}${name}`);
	return `cat ${file('/etc/machine-id')} 2>/dev/null || cat ${file('/var/lib/dbus/machine-id')} 2>/dev/null || cat ${root === '' ? '/etc/ssh/ssh_host_*_key.pub' : `${shellQuote(`${root}/etc/ssh`)}/ssh_host_*_key.pub`} 2>/dev/null; true`;
}

/** The identity kept in the journal: sha256 of what the command printed (the machine id itself stays on the host); undefined when it printed nothing. */
export function identityOf(output: string): string | undefined {
	const text = output.trim();
	return text === '' ? undefined : createHash('sha256').update(text).digest('hex');
}

export interface IdentityMismatch {
	readonly host: string;
	readonly recorded: string;
	readonly now: string;
}

/** The hosts whose identity now differs from the one the journal recorded (hosts new to the journal, or unreadable now, are not compared). */
export function identityMismatches(recorded: Readonly<Record<string, string>>, now: ReadonlyMap<string, string>): IdentityMismatch[] {
	return [...now].flatMap(([host, id]) => (recorded[host] === undefined || recorded[host] === id ? [] : [{host, recorded: recorded[host], now: id}]));
}
