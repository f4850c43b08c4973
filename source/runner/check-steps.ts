import type {StepRow, StepStatus} from '../domain/check/check-types.js';
import type {Host} from '../domain/inventory-types.js';
import type {Facts, PlannedStep} from '../domain/plan-types.js';
import {mapWithLimit} from './fan-out.js';
import {probeHost, type ProbeStatus} from './probe.js';
import type {RunnerContext} from './run-command.js';
import {readFacts} from './read-facts.js';
import {stepHosts} from './step-hosts.js';

const statusText: Readonly<Record<ProbeStatus, StepStatus>> = {done: 'DONE', 'to-do': 'TO DO', 'cannot-tell': 'CANNOT TELL'};

const row = (step: PlannedStep, host: string, status: StepStatus, evidence: string): StepRow => ({
	section: {id: step.section.id, number: step.section.number, title: step.section.title},
	step: step.id,
	host,
	status,
	evidence,
});

async function hostRow(ctx: RunnerContext, step: PlannedStep, host: Host): Promise<StepRow> {
	const finding = await probeHost(ctx, step, host);
	if (finding === undefined) {
		return row(step, host.id, 'CANNOT TELL', 'this step has no check on this host');
	}

	return row(step, host.id, statusText[finding.status], finding.detail);
}

/**
 * Every step's probes on every host it runs on, read-only (ctx must be a dry run): the facts first,
 * the step rendered again with them, then the probes. Steps run `limit` at once; a step that needs an
 * unreachable host cannot tell.
 */
export async function checkSteps(ctx: RunnerContext, steps: readonly PlannedStep[], rerender: (step: PlannedStep, facts: Facts) => PlannedStep, limit: number, unreachable: ReadonlySet<string> = new Set()): Promise<StepRow[]> {
	const perStep = await mapWithLimit(steps, limit, async (planned): Promise<StepRow[]> => {
		const hosts = stepHosts(planned);
		if (planned.skipped !== undefined || hosts.length === 0) {
			return [row(planned, '*', 'SKIPPED', planned.skipped ?? 'nothing to do on any host')];
		}

		const away = hosts.filter(host => unreachable.has(host.id)).concat(planned.facts.map(fact => fact.host).filter(host => unreachable.has(host.id)));
		if (away.length > 0) {
			return hosts.map(host => row(planned, host.id, 'CANNOT TELL', `${away[0]!.id} could not be reached (see the preflight)`));
		}

		let step = planned;
		if (planned.facts.length > 0) {
			const facts = await readFacts(ctx, planned);
			if (typeof facts === 'string') {
				return hosts.map(host => row(planned, host.id, 'CANNOT TELL', facts));
			}

			step = rerender(planned, facts);
		}

		const rows: StepRow[] = [];
		for (const host of hosts) {
			rows.push(await hostRow(ctx, step, host));
		}

		return rows;
	}, ctx.options.signal);
	return perStep.flat();
}
