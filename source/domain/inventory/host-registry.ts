import type {Host} from '../inventory-types.js';
import {documentError} from '../answers/document-error.js';
import {defaultHostId, type HostSpec} from './host-spec.js';

interface Entry {
	spec: HostSpec;
	/** Where the spec (or its explicit name) was first given, for messages. */
	where: string;
	host?: Host;
}

const defaultSudo = (spec: HostSpec) => spec.target.kind === 'ssh' && spec.target.user !== undefined && spec.target.user !== 'root';

/**
 * Collects the host specs of every role and turns them into Host objects:
 * one target (same ssh user/host/port, or same local root) → one Host, shared by all its roles;
 * two different targets with the same id → an InputError asking for explicit names.
 */
export class HostRegistry {
	private readonly entries = new Map<string, Entry>();
	private readonly fileName: string;

	constructor(fileName: string) {
		this.fileName = fileName;
	}

	/** Records a spec; returns its target key for host(). */
	add(spec: HostSpec, where: string): string {
		const entry = this.entries.get(spec.targetKey);
		if (!entry) {
			this.entries.set(spec.targetKey, {spec, where});
			return spec.targetKey;
		}

		const known = entry.spec;
		if (spec.name !== undefined && known.name !== undefined && spec.name !== known.name) {
			throw documentError(this.fileName, where, `${spec.label} is also given at ${entry.where} with the name '${known.name}', not '${spec.name}'`, 'One machine has one name: use the same "name" (or leave it out) wherever the target appears.');
		}

		if (spec.sudo !== undefined && known.sudo !== undefined && spec.sudo !== known.sudo) {
			throw documentError(this.fileName, where, `${spec.label} is also given at ${entry.where} with "sudo": ${known.sudo}`, 'Give the same "sudo" wherever the target appears.');
		}

		if (spec.target.kind === 'local' && known.target.kind === 'local' && JSON.stringify(spec.target.env) !== JSON.stringify(known.target.env)) {
			throw documentError(this.fileName, where, `${spec.label} is also given at ${entry.where} with a different "env"`, 'Give the same "env" wherever the local root appears.');
		}

		entry.spec = {
			...known,
			...(known.name === undefined && spec.name !== undefined ? {name: spec.name} : {}),
			...(known.sudo === undefined && spec.sudo !== undefined ? {sudo: spec.sudo} : {}),
		};
		if (known.name === undefined && spec.name !== undefined) {
			entry.where = where;
		}

		return spec.targetKey;
	}

	/** Builds every Host once all specs are in, checking that ids are unique. */
	build(): void {
		const byId = new Map<string, Entry>();
		for (const entry of this.entries.values()) {
			const {spec} = entry;
			const id = spec.name ?? defaultHostId(spec.target);
			const other = byId.get(id);
			if (other) {
				throw documentError(this.fileName, entry.where, `${spec.label} and ${other.spec.label} (given at ${other.where}) are different targets that would both be called '${id}'`, 'Give them explicit names, e.g. {"name": "cyclades", "ssh": "admin@host:2222"}.');
			}

			byId.set(id, entry);
			entry.host = {id, target: spec.target, label: spec.label, sudo: spec.sudo ?? defaultSudo(spec)};
		}
	}

	host(targetKey: string): Host {
		const host = this.entries.get(targetKey)?.host;
		if (!host) {
			throw new Error(`HostRegistry.host(${targetKey}) before build()`);
		}

		return host;
	}
}
