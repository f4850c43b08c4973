import fs from 'node:fs';
import path from 'node:path';
import {parseInventory} from '../../source/domain/inventory/parse-inventory.js';
import {inventoryHosts} from '../../source/runner/inventory-hosts.js';
import {createSandbox} from '../../source/sandbox/create-sandbox.js';
import {openJournal} from '../../source/state/journal.js';
import {statePaths, type StatePaths} from '../../source/state/paths.js';

/** Every host entry named `name` in an inventory (a master, the same machine among the nodes) given as `replacement`. */
function withHost(inventory: unknown, name: string, replacement: unknown): unknown {
	if (Array.isArray(inventory)) {
		return inventory.map(entry => withHost(entry, name, replacement));
	}

	if (typeof inventory !== 'object' || inventory === null) {
		return inventory;
	}

	if ((inventory as {name?: unknown}).name === name && ('local' in inventory || 'ssh' in inventory)) {
		return replacement;
	}

	return Object.fromEntries(Object.entries(inventory).map(([key, value]) => [key, withHost(value, name, replacement)]));
}

/** A copy of an answers file (`to`) whose host `name` is the SSH host `ssh` ([user@]host[:port]). */
export function answersWithSshHost(answersFile: string, name: string, ssh: string, to: string): string {
	const document = JSON.parse(fs.readFileSync(answersFile, 'utf8')) as {inventory: unknown};
	fs.writeFileSync(to, JSON.stringify({...document, inventory: withHost(document.inventory, name, {name, ssh})}));
	return to;
}

/** A copy of an answers file (`to`) whose host `name` is an SSH host where nothing listens (127.0.0.1:1): its preflight fails. */
export function answersWithUnreachableHost(answersFile: string, name: string, to: string): string {
	return answersWithSshHost(answersFile, name, 'snf@127.0.0.1:1', to);
}

/**
 * In `work`: a fresh sandbox's answers whose astakos is the SSH host at 127.0.0.1:`port`, and a state dir whose journal
 * recorded astakos's identity, so that the wizard's welcome reads it from that host (the others are not read).
 */
export function journalCheckOfSshHost(work: string, port: number): {readonly answersFile: string; readonly paths: StatePaths} {
	const sandbox = createSandbox(path.join(work, 'sb'));
	const answersFile = answersWithSshHost(sandbox.answersFile, 'astakos', `snf@127.0.0.1:${port}`, path.join(work, 'answers.json'));
	const paths = statePaths(path.join(work, 'state'));
	const {inventory} = JSON.parse(fs.readFileSync(answersFile, 'utf8')) as {inventory: unknown};
	const labels = inventoryHosts(parseInventory(inventory, answersFile)).map(host => host.label);
	openJournal(paths.journals, labels).recordIdentity({astakos: 'the machine it recorded'});
	return {answersFile, paths};
}
