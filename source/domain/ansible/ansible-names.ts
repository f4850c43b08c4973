import {InputError} from '../errors.js';
import type {Host} from '../inventory-types.js';

const inventoryName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The host's inventory name (its id); refused when Ansible would read it as a pattern or a range. */
export function ansibleHostName(host: Host): string {
	if (!inventoryName.test(host.id) || host.id === 'all' || host.id === 'localhost') {
		throw new InputError(`the host id '${host.id}' cannot be an Ansible inventory name`, 'Give the host a "name" of letters, digits, ".", "_" and "-" (not all or localhost) in the inventory.');
	}

	return host.id;
}

/** The playbook variable that holds a secret answer: snf_ + the key in snake case (pithosOauthSecret → snf_pithos_oauth_secret). */
export const secretVariable = (key: string): string => `snf_${key.replaceAll(/[A-Z]/g, letter => `_${letter.toLowerCase()}`)}`;

/** A Jinja list of host names: ['astakos', 'cyclades'] (the names are checked by ansibleHostName). */
export const jinjaNames = (names: readonly string[]): string => `[${names.map(name => jinjaString(name)).join(', ')}]`;

/** A Jinja string literal for a name checked by ansibleHostName or a step id (no quote or backslash in either). */
export const jinjaString = (name: string): string => `'${name}'`;
