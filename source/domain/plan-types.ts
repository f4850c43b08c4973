import type {Action, Guard, Probe, Shell, SecretArg, SecretPyValue} from './action-types.js';
import type {AnswerValue} from './answer-types.js';
import type {Host, Inventory} from './inventory-types.js';
import type {SectionId, SectionInfo} from './sections.js';

/** Raw output of read-only fact commands, by fact key (e.g. "ispecs:ganeti1"). */
export type Facts = Readonly<Record<string, string>>;

/** A read-only command whose stdout a step needs to render its actions (gathered just before the step runs). */
export interface FactRequest {
	readonly key: string;
	readonly host: Host;
	readonly shell: Shell;
	readonly asRoot: boolean;
	readonly description: string;
}

/**
 * What a step sees while it renders. Missing answers and facts render as named placeholders
 * (`<astakosAuthUrl>`) and are recorded, so a plan can be read before anything is answered.
 */
export interface PlanContext {
	readonly inventory: Inventory;
	readonly facts: Facts;
	/** The answer's value (given, derived or default) or undefined. */
	get(key: string): AnswerValue | undefined;
	/** A text answer, or its placeholder. */
	text(key: string): string;
	integer(key: string): number | string;
	boolean(key: string): boolean;
	list(key: string): readonly string[];
	/** A secret answer for a command argument. */
	secretArg(key: string): SecretArg;
	/** A secret answer for a settings file. */
	secretValue(key: string): SecretPyValue;
	/** A fact's raw output, or undefined (the step renders a placeholder and records the fact as missing). */
	fact(key: string): string | undefined;
	/** Records a placeholder the step rendered by itself (e.g. from a missing fact). */
	missing(name: string): string;
	/** A path the runbook uses, placed under the host's filesystem root. */
	path(host: Host, absolutePath: string): string;
}

/** One step of the runbook, as data. A step author adds one of these and nothing else. */
export interface StepDefinition {
	/** Unique kebab-case id ("stop-gunicorn"); --from takes it. */
	readonly id: string;
	readonly section: SectionId;
	readonly title: string;
	/** What and why, for the admin (two or three sentences). */
	readonly why: string;
	/** Where the facts correct or complete the runbook, and warnings the admin must see. */
	readonly notes?: readonly string[];
	/** When the step does not apply, the reason (shown as skipped); undefined when it applies. */
	readonly skipReason?: (ctx: PlanContext) => string | undefined;
	readonly facts?: (ctx: PlanContext) => readonly FactRequest[];
	readonly actions: (ctx: PlanContext) => readonly Action[];
	/** Read-only checks that tell the step is already done, per host. */
	readonly probes?: (ctx: PlanContext) => readonly Probe[];
	/** Conditions the runner asserts before the step runs on any host (guardrails). */
	readonly guards?: (ctx: PlanContext) => readonly Guard[];
	/**
	 * Running the actions again where they already took effect changes nothing and does not fail
	 * (default false). When a probe cannot tell, a step safe to rerun runs; any other stops the run
	 * with the probe's evidence.
	 */
	readonly rerunSafe?: boolean;
}

export interface PlannedStep {
	readonly id: string;
	readonly section: SectionInfo;
	readonly title: string;
	readonly why: string;
	readonly notes: readonly string[];
	/** Set when the step does not apply (optional section off, no stats host, …). */
	readonly skipped?: string;
	readonly facts: readonly FactRequest[];
	readonly actions: readonly Action[];
	readonly probes: readonly Probe[];
	/** See StepDefinition.rerunSafe. */
	readonly rerunSafe: boolean;
	/** Guardrails asserted before the step runs (absent: none). */
	readonly guards?: readonly Guard[];
	/** Answer keys and fact keys rendered as placeholders. */
	readonly missing: readonly string[];
}

export interface Plan {
	readonly steps: readonly PlannedStep[];
	/** Every placeholder in the plan, answer keys first. */
	readonly missing: readonly string[];
}
