import type {Facts, PlannedStep} from '../plan-types.js';
import {stepCatalogue} from '../steps/index.js';
import {renderStep} from './build-plan.js';
import {createPlanContext, type PlanInput} from './plan-context.js';

/** Renders a step again with the facts gathered on the hosts (the runner calls it just before the step runs). */
export function stepRenderer(input: PlanInput): (step: PlannedStep, facts: Facts) => PlannedStep {
	const definitions = new Map(stepCatalogue.map(definition => [definition.id, definition]));
	return (step, facts) => {
		const definition = definitions.get(step.id);
		return definition === undefined ? step : renderStep(definition, createPlanContext({...input, facts: {...input.facts, ...facts}}));
	};
}
