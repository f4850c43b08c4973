import {didYouMean} from './answers/did-you-mean.js';
import {InputError} from './errors.js';
import type {PlannedStep} from './plan-types.js';

/** Host ids in a --hosts value or a hosts file: separated by commas, spaces or lines; `#` starts a comment. */
export function parseHostIds(text: string): string[] {
	const ids = text.split('\n').flatMap(line => line.replace(/#.*/, '').split(/[\s,]+/)).filter(Boolean);
	return [...new Set(ids)];
}

/** Refuses host ids the inventory does not have, naming each (with the closest known id when it looks like a typo). */
export function checkHostIds(ids: readonly string[], known: readonly string[], source: string): void {
	if (ids.length === 0) {
		throw new InputError(`run: --hosts ${source}: no host ids`, 'Give host ids separated by commas (--hosts ID,ID) or a file with one per line (--hosts @FILE).');
	}

	const unknown = ids.filter(id => !known.includes(id));
	if (unknown.length > 0) {
		throw new InputError(
			`run: --hosts ${source}: unknown host${unknown.length === 1 ? '' : 's'} ${unknown.map(id => `'${id}'${didYouMean(id, known)}`).join(', ')}`,
			`The inventory's host ids: ${known.join(', ')}.`,
		);
	}
}

/** The step with only these hosts' actions and probes (facts and guards stay: they are read-only); undefined when none is left. */
export function restrictStep(step: PlannedStep, hosts: ReadonlySet<string>): PlannedStep | undefined {
	const actions = step.actions.filter(action => hosts.has(action.host.id));
	const probes = step.probes.filter(probe => hosts.has(probe.host.id));
	return actions.length === 0 && probes.length === 0 ? undefined : {...step, actions, probes};
}

/** Every step restricted to these hosts; steps with none of them are left out (their journal entries stay as they were). */
export function restrictSteps(steps: readonly PlannedStep[], hosts: ReadonlySet<string> | undefined): readonly PlannedStep[] {
	return hosts === undefined ? steps : steps.flatMap(step => restrictStep(step, hosts) ?? []);
}
