import fs from 'node:fs';

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

/** A copy of an answers file (`to`) whose host `name` is an SSH host where nothing listens (127.0.0.1:1): its preflight fails. */
export function answersWithUnreachableHost(answersFile: string, name: string, to: string): string {
	const document = JSON.parse(fs.readFileSync(answersFile, 'utf8')) as {inventory: unknown};
	fs.writeFileSync(to, JSON.stringify({...document, inventory: withHost(document.inventory, name, {name, ssh: 'snf@127.0.0.1:1'})}));
	return to;
}
