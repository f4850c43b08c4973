import type {Inventory} from '../../domain/inventory-types.js';
import {identityMismatches} from '../../runner/host-identity.js';
import {inventoryHosts} from '../../runner/inventory-hosts.js';
import {preflight} from '../../runner/preflight.js';
import type {ExecutorSource} from '../../runner/run-types.js';
import {journalFile, readJournalFile} from '../../state/journal.js';

export interface JournalMachinesCheck {
	readonly inventory: Inventory;
	readonly journals: string;
	readonly withPool: <T>(work: (pool: ExecutorSource) => Promise<T>) => Promise<T>;
	readonly parallel: number;
	/** The command that starts over (`snf-upgrade status --reset`, with the wizard's --state-dir when it was given). */
	readonly resetCommand: string;
}

/**
 * Whether the journal is these machines': the identity of each host it recorded is read from the host (the
 * preflight's command) and compared, as a section run does before it trusts the journal (commands/run-journal.ts).
 * One line saying why and the way out when a host is another machine; undefined when every host read is the one
 * recorded, or none could be read (cannot tell: the section run checks again). No host is read when the journal
 * recorded none.
 */
export async function journalOfOtherMachines(check: JournalMachinesCheck): Promise<string | undefined> {
	const hosts = inventoryHosts(check.inventory);
	const recorded = readJournalFile(journalFile(check.journals, hosts.map(host => host.label)))?.identity ?? {};
	const known = hosts.filter(host => recorded[host.id] !== undefined);
	if (known.length === 0) {
		return undefined;
	}

	const identities = new Map<string, string>();
	await check.withPool(async pool => preflight(known, pool, {parallel: check.parallel, identities}));
	const others = identityMismatches(recorded, identities).map(mismatch => mismatch.host);
	if (others.length === 0) {
		return undefined;
	}

	const named = others.length > 3 ? `${others.slice(0, 3).join(', ')} and ${others.length - 3} more` : others.join(', ');
	return `The journal was written for other machines (${named}: not the machine${others.length === 1 ? '' : 's'} it recorded): its states are unknown here; start over with \`${check.resetCommand}\` (the old one is kept as a backup).`;
}
