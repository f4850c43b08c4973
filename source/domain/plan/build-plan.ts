import {answerSpecs} from '../answers-schema.js';
import type {Plan, PlannedStep, StepDefinition} from '../plan-types.js';
import {sections} from '../sections.js';
import {stepCatalogue} from '../steps/index.js';
import {createPlanContext, type PlanInput, type RecordingPlanContext} from './plan-context.js';
import {selectSections} from './select-sections.js';

export interface BuildPlanInput extends PlanInput {
	/** --only values (section id or number); empty means every section. */
	readonly only?: readonly string[];
	/** --skip values. */
	readonly skip?: readonly string[];
	/** The steps to render (the whole catalogue by default; tests pass their own). */
	readonly catalogue?: readonly StepDefinition[];
}

const sectionInfo = (step: StepDefinition) => {
	const section = sections.find(candidate => candidate.id === step.section);
	if (!section) {
		throw new Error(`Step ${step.id} names an unknown section '${step.section}'.`);
	}

	return section;
};

/**
 * Renders one step with a context (a fresh recorder per step: `missing` lists this step's placeholders).
 * The runner calls it again once it has gathered the step's facts.
 */
export function renderStep(definition: StepDefinition, ctx: RecordingPlanContext): PlannedStep {
	const stepCtx = ctx.fork();
	const base = {
		id: definition.id,
		section: sectionInfo(definition),
		title: definition.title,
		why: definition.why,
		notes: definition.notes ?? [],
		rerunSafe: definition.rerunSafe ?? false,
	};
	const skipped = definition.skipReason?.(stepCtx);
	if (skipped !== undefined) {
		return {...base, skipped, facts: [], actions: [], probes: [], missing: []};
	}

	const facts = definition.facts?.(stepCtx) ?? [];
	const actions = definition.actions(stepCtx);
	const probes = definition.probes?.(stepCtx) ?? [];
	const guards = definition.guards?.(stepCtx) ?? [];
	return {...base, facts, actions, probes, ...(guards.length === 0 ? {} : {guards}), missing: stepCtx.recorded()};
}

const specOrder = new Map(answerSpecs.map((spec, index) => [spec.key, index]));

/** Answer keys first (in the schema's order), then fact placeholders (in first-use order). */
export function orderMissing(names: Iterable<string>): string[] {
	const unique = [...new Set(names)];
	const answers = unique.filter(name => specOrder.has(name)).sort((a, b) => specOrder.get(a)! - specOrder.get(b)!);
	const others = unique.filter(name => !specOrder.has(name));
	return [...answers, ...others];
}

/** True when a placeholder name is an answer key (else it is a fact read from a host when the step runs). */
export const isAnswerKey = (name: string) => specOrder.has(name);

/** The whole plan: every selected section's steps in runbook order, rendered with placeholders for what is missing. */
export function buildPlan(input: BuildPlanInput): Plan {
	const selected = selectSections(input.only, input.skip);
	const ctx = createPlanContext(input);
	const steps = (input.catalogue ?? stepCatalogue)
		.filter(step => selected.has(step.section))
		.map(step => renderStep(step, ctx));
	return {steps, missing: orderMissing(steps.flatMap(step => step.missing))};
}
