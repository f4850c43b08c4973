import type {GanetiBackend, Host, Inventory} from '../inventory-types.js';
import {documentError, isPlainObject, typeName} from '../answers/document-error.js';
import {didYouMean} from '../answers/did-you-mean.js';
import {printable} from '../printable.js';
import {parseHostSpec} from './host-spec.js';
import {HostRegistry} from './host-registry.js';

const roleFields = ['astakos', 'cyclades', 'pithos', 'stats', 'vncauthproxy', 'db'] as const;
const inventoryFields: readonly string[] = [...roleFields, 'ganeti'];
const backendFields = ['name', 'master', 'nodes', 'ipolicyDiskTemplates'];
const backendNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/** Ganeti's disk templates (constants.DISK_TEMPLATES, 2.8-2.10). */
export const ganetiDiskTemplates: readonly string[] = ['diskless', 'file', 'sharedfile', 'plain', 'blockdev', 'drbd', 'rbd', 'ext'];

interface BackendKeys {
	readonly name: string;
	readonly master: string;
	readonly nodes: readonly string[];
	readonly ipolicyDiskTemplates?: readonly string[];
}

function parseDiskTemplates(raw: unknown, fileName: string, path: string): readonly string[] | undefined {
	if (raw === undefined) {
		return undefined;
	}

	const expected = `a non-empty list of Ganeti disk templates (${ganetiDiskTemplates.join(', ')})`;
	if (!Array.isArray(raw) || raw.length === 0) {
		throw documentError(fileName, path, `expected ${expected}, got ${typeName(raw)}`);
	}

	for (const [index, item] of raw.entries()) {
		if (typeof item !== 'string' || !ganetiDiskTemplates.includes(item)) {
			throw documentError(fileName, `${path}[${index}]`, `expected one of ${ganetiDiskTemplates.join(', ')}, got ${printable(JSON.stringify(item))}`);
		}
	}

	return [...new Set(raw as string[])];
}

function parseBackend(raw: unknown, registry: HostRegistry, fileName: string, path: string, seenNames: Set<string>): BackendKeys {
	if (!isPlainObject(raw)) {
		throw documentError(fileName, path, `expected {"name", "master", "nodes", "ipolicyDiskTemplates"}, got ${typeName(raw)}`);
	}

	for (const key of Object.keys(raw)) {
		if (!backendFields.includes(key)) {
			throw documentError(fileName, `${path}.${key}`, `unknown field${didYouMean(key, backendFields)} (expected ${backendFields.join(', ')})`);
		}
	}

	const {name, master, nodes = [], ipolicyDiskTemplates} = raw;
	if (typeof name !== 'string' || !backendNamePattern.test(name)) {
		throw documentError(fileName, `${path}.name`, 'expected the backend\'s name (letters, digits, ., _ or -), usually the cluster name');
	}

	if (seenNames.has(name)) {
		throw documentError(fileName, `${path}.name`, `the backend name '${name}' is used twice`, 'Each Ganeti backend needs its own name.');
	}

	seenNames.add(name);
	if (master === undefined) {
		throw documentError(fileName, `${path}.master`, 'missing: the Ganeti master node of this backend');
	}

	const masterKey = registry.add(parseHostSpec(master, fileName, `${path}.master`), `${path}.master`);
	if (!Array.isArray(nodes)) {
		throw documentError(fileName, `${path}.nodes`, `expected a list of hosts, got ${typeName(nodes)}`);
	}

	const nodeKeys = nodes.map((node, index) => registry.add(parseHostSpec(node, fileName, `${path}.nodes[${index}]`), `${path}.nodes[${index}]`));
	const templates = parseDiskTemplates(ipolicyDiskTemplates, fileName, `${path}.ipolicyDiskTemplates`);
	return {
		name,
		master: masterKey,
		nodes: [...new Set(nodeKeys.includes(masterKey) ? nodeKeys : [masterKey, ...nodeKeys])],
		...(templates === undefined ? {} : {ipolicyDiskTemplates: templates}),
	};
}

/**
 * The `inventory` of an answers document → hosts by role. Roles on the same target share one Host;
 * vncauthproxy defaults to the Cyclades host, db to the Astakos host, stats may be absent or null.
 */
export function parseInventory(raw: unknown, fileName: string): Inventory {
	if (!isPlainObject(raw)) {
		throw documentError(fileName, 'inventory', `expected an object of hosts by role, got ${typeName(raw)}`);
	}

	for (const key of Object.keys(raw)) {
		if (!inventoryFields.includes(key)) {
			throw documentError(fileName, `inventory.${key}`, `unknown role${didYouMean(key, inventoryFields)} (expected ${inventoryFields.join(', ')})`);
		}
	}

	const registry = new HostRegistry(fileName);
	const keys: Partial<Record<typeof roleFields[number], string>> = {};
	for (const role of roleFields) {
		const value = raw[role];
		if (value === undefined || value === null) {
			if (role === 'astakos' || role === 'cyclades' || role === 'pithos') {
				throw documentError(fileName, `inventory.${role}`, `missing: the ${role} host (${'"[user@]host[:port]"'}, "local" or an object)`);
			}

			continue;
		}

		keys[role] = registry.add(parseHostSpec(value, fileName, `inventory.${role}`), `inventory.${role}`);
	}

	const {ganeti} = raw;
	if (!Array.isArray(ganeti) || ganeti.length === 0) {
		throw documentError(fileName, 'inventory.ganeti', `expected a non-empty list of Ganeti backends, got ${ganeti === undefined ? 'nothing' : typeName(ganeti)}`, 'Example: "ganeti": [{"name": "ganeti1", "master": "root@gnt1", "nodes": ["root@gnt1", "root@gnt2"]}]');
	}

	const seenNames = new Set<string>();
	const backends = ganeti.map((backend, index) => parseBackend(backend, registry, fileName, `inventory.ganeti[${index}]`, seenNames));
	registry.build();
	const host = (key: string) => registry.host(key);
	const astakos = host(keys.astakos!);
	const cyclades = host(keys.cyclades!);
	const stats: Host | undefined = keys.stats === undefined ? undefined : host(keys.stats);
	return {
		astakos,
		cyclades,
		pithos: host(keys.pithos!),
		...(stats === undefined ? {} : {stats}),
		vncauthproxy: keys.vncauthproxy === undefined ? cyclades : host(keys.vncauthproxy),
		db: keys.db === undefined ? astakos : host(keys.db),
		ganeti: backends.map((backend): GanetiBackend => ({
			name: backend.name,
			master: host(backend.master),
			nodes: backend.nodes.map(host),
			...(backend.ipolicyDiskTemplates === undefined ? {} : {ipolicyDiskTemplates: backend.ipolicyDiskTemplates}),
		})),
	};
}
