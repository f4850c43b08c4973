import type {Action} from '../domain/action-types.js';
import type {PlannedStep} from '../domain/plan-types.js';

export {planHosts, stepHosts} from '../domain/plan/step-hosts.js';

export function hostActions(step: PlannedStep, hostId: string): Action[] {
	return step.actions.filter(action => action.host.id === hostId);
}
