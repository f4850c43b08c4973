import {InputError} from '../domain/errors.js';
import {identityMismatches} from '../runner/host-identity.js';
import type {Journal} from '../state/journal.js';

/**
 * Ties the journal to the deployment it was written for: the identity of every host read in the
 * preflight is compared with the one the journal recorded, and a difference refuses the run (the
 * journal's "done" would be about other machines). With `record`, hosts new to the journal are recorded (not in
 * a dry run, nor before the deployment lock is held).
 */
export function bindJournalToDeployment(journal: Journal, identities: ReadonlyMap<string, string>, {record}: {readonly record: boolean}): void {
	const mismatches = identityMismatches(journal.identity(), identities);
	if (mismatches.length > 0) {
		const hosts = mismatches.map(({host, recorded, now}) => `\n  ${host}: the journal knows machine ${recorded.slice(0, 12)}…, the host is now ${now.slice(0, 12)}…`).join('');
		throw new InputError(
			`the journal ${journal.file} was written for another deployment: ${mismatches.length === 1 ? 'a host is' : 'hosts are'} not the machine${mismatches.length === 1 ? '' : 's'} it recorded (another deployment with the same host names, a reinstalled host, or a sandbox made again at the same path)${hosts}`,
			'Nothing it says "done" holds for these machines. If this is the deployment you mean to upgrade, start over with `snf-upgrade status --reset` (the old journal is kept as a backup), then run again; every step is checked again on the hosts.',
		);
	}

	const known = journal.identity();
	const fresh = Object.fromEntries([...identities].filter(([host]) => known[host] === undefined));
	if (record && Object.keys(fresh).length > 0) {
		journal.recordIdentity(fresh);
	}
}

/** bindJournalToDeployment's refusal, or undefined when the journal is this deployment's (new hosts are recorded). */
export function foreignJournal(journal: Journal, identities: ReadonlyMap<string, string>): InputError | undefined {
	try {
		bindJournalToDeployment(journal, identities, {record: true});
		return undefined;
	} catch (error) {
		if (error instanceof InputError) {
			return error;
		}

		throw error;
	}
}
