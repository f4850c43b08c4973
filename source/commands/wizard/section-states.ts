import type {PlannedStep} from '../../domain/plan-types.js';
import type {SectionId} from '../../domain/sections.js';
import {stepHosts} from '../../runner/step-hosts.js';
import type {JournalData} from '../../state/journal-types.js';
import type {SectionState} from '../../ui/flow/wizard-state.js';

/** One step's standing from its journal entries: every host done (or skipped) → done. */
function stepState(step: PlannedStep, entries: Readonly<Record<string, {readonly status: string}>> | undefined): SectionState {
	const statuses = Object.values(entries ?? {}).map(entry => entry.status);
	if (statuses.includes('failed')) {
		return 'failed';
	}

	if (statuses.includes('unknown') || statuses.includes('running')) {
		return 'unknown';
	}

	const hosts = step.skipped === undefined ? stepHosts(step).map(host => host.id) : ['*'];
	const finished = (id: string) => ['done', 'skipped'].includes(entries?.[id]?.status ?? '');
	return hosts.length > 0 && hosts.every(id => finished(id)) ? 'done' : 'to do';
}

/**
 * Each section's state from the journal: failed or unknown when any step is; done when every step is done
 * on every host; to do when nothing ran; skipped when the admin left it out. A partly run section is to do.
 */
export function sectionStates(steps: readonly PlannedStep[], journal: JournalData | undefined, skipped: readonly string[]): Partial<Record<SectionId, SectionState>> {
	const states: Partial<Record<SectionId, SectionState>> = {};
	const bySection = new Map<SectionId, PlannedStep[]>();
	for (const step of steps) {
		bySection.set(step.section.id, [...(bySection.get(step.section.id) ?? []), step]);
	}

	for (const [section, sectionSteps] of bySection) {
		if (skipped.includes(section)) {
			states[section] = 'skipped';
			continue;
		}

		const each = sectionSteps.map(step => stepState(step, journal?.steps[step.id]));
		const worst = (['failed', 'unknown'] as const).find(state => each.includes(state));
		if (worst !== undefined) {
			states[section] = worst;
		} else if (each.every(state => state === 'done')) {
			states[section] = 'done';
		} else {
			states[section] = 'to do';
		}
	}

	return states;
}

/** The states of a journal written for other machines: what it says done, failed or unknown is unknown for these hosts. */
export function unknownHere(states: Partial<Record<SectionId, SectionState>>): Partial<Record<SectionId, SectionState>> {
	return Object.fromEntries(Object.entries(states).map(([section, state]) => [section, state === 'to do' || state === 'skipped' ? state : 'unknown']));
}
