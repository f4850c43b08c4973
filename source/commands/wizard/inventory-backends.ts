import {parseHostSpec} from '../../domain/inventory/host-spec.js';
import {parseInventory} from '../../domain/inventory/parse-inventory.js';
import type {BackendForm} from '../../ui/deployment.js';

type Raw = Record<string, unknown>;

export const backendsOf = (raw: Raw): Raw[] => (Array.isArray(raw.ganeti) ? raw.ganeti as Raw[] : []);
const entriesOf = (backend: Raw): unknown[] => [backend.master, ...(Array.isArray(backend.nodes) ? backend.nodes as unknown[] : [])].filter(entry => entry !== undefined);
/** The label the parser gives a saved host entry ("root@gnt1", "local (/tmp/sb/gnt1)"). */
export const labelOf = (entry: unknown) => parseHostSpec(entry, 'the inventory', 'inventory.ganeti').label;

/** A saved backend as the form shows it: its name, its master's label, its nodes' labels separated by commas. */
export function backendForm(raw: Raw, index: number): BackendForm {
	const backend = backendsOf(raw)[index] ?? {};
	return {
		name: typeof backend.name === 'string' ? backend.name : '',
		master: backend.master === undefined ? '' : labelOf(backend.master),
		nodes: (Array.isArray(backend.nodes) ? backend.nodes as unknown[] : []).map(entry => labelOf(entry)).join(', '),
	};
}

/**
 * The raw inventory with the Ganeti backend at `index` replaced (or, without an index, a new one added)
 * from the form, checked by the inventory parser (throws its InputError). A host typed as the label of
 * one the backend had keeps its saved entry ({"name", "local": …, "sudo"} stays as it was); other fields
 * of the backend (ipolicyDiskTemplates) are kept.
 */
export function withBackend(raw: Raw, index: number | undefined, form: BackendForm): Raw {
	const copy = structuredClone(raw);
	const backends = backendsOf(copy);
	const existing = index === undefined ? {} : backends[index] ?? {};
	const known = new Map(entriesOf(existing).map(entry => [labelOf(entry), entry]));
	const host = (text: string) => known.get(text) ?? text;
	const backend: Raw = {
		...existing,
		name: form.name.trim(),
		master: host(form.master.trim()),
		nodes: form.nodes.split(',').map(text => text.trim()).filter(text => text !== '').map(text => host(text)),
	};
	copy.ganeti = index === undefined ? [...backends, backend] : backends.map((candidate, at) => (at === index ? backend : candidate));
	parseInventory(copy, 'the inventory');
	return copy;
}
