import {InputError} from '../errors.js';
import {type SectionId, sections} from '../sections.js';

const valid = () => sections.map(section => `${section.number} ${section.id}`).join(', ');

/** One --only/--skip value → section id: the id (`oauth`) or the runbook number (`2.4`); case-insensitive. */
export function parseSection(value: string, flag = 'section'): SectionId {
	const wanted = value.trim().toLowerCase();
	const found = sections.find(section => section.id === wanted || section.number === wanted);
	if (!found) {
		throw new InputError(`${flag}: unknown section '${value}'`, `Valid sections (number or id): ${valid()}.`);
	}

	return found.id;
}

/** Values may be repeated flags or comma-separated (`--only 2.3,oauth`). */
const split = (values: readonly string[]) => values.flatMap(value => value.split(',')).filter(value => value.trim() !== '');

/**
 * The sections a plan covers: all of them, or only the --only ones, minus the --skip ones, in runbook order.
 * Unknown values → InputError listing the valid ones.
 */
export function selectSections(only: readonly string[] = [], skip: readonly string[] = []): Set<SectionId> {
	const onlyIds = new Set(split(only).map(value => parseSection(value, '--only')));
	const skipIds = new Set(split(skip).map(value => parseSection(value, '--skip')));
	const selected = sections
		.map(section => section.id)
		.filter(id => (onlyIds.size === 0 || onlyIds.has(id)) && !skipIds.has(id));
	if (selected.length === 0) {
		throw new InputError('--only and --skip leave no section to show', `Valid sections (number or id): ${valid()}.`);
	}

	return new Set(selected);
}
