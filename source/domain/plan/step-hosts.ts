import type {Host} from '../inventory-types.js';
import type {PlannedStep} from '../plan-types.js';

/** The hosts a step touches (actions, then probes), each once, in order of first appearance. */
export function stepHosts(step: PlannedStep): Host[] {
	const hosts = new Map<string, Host>();
	for (const item of [...step.actions, ...step.probes]) {
		if (!hosts.has(item.host.id)) {
			hosts.set(item.host.id, item.host);
		}
	}

	return [...hosts.values()];
}

/** Every host a run of these steps uses (their actions and probes, and the hosts their facts are read on), each once. */
export function planHosts(steps: readonly PlannedStep[]): Host[] {
	return [...new Map(steps.flatMap(step => [...stepHosts(step), ...step.facts.map(fact => fact.host)]).map(host => [host.id, host])).values()];
}
