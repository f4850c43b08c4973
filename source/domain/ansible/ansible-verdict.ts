import type {CommandOutput, Verdict} from '../action-types.js';
import type {PlannedStep} from '../plan-types.js';
import {printable} from '../printable.js';
import {probeLines} from './export-record.js';

/** A task result as Ansible registers it (shell module): rc, stdout, stderr; `failed`/`msg` when it could not run. */
export interface TaskResult {
	readonly rc?: number;
	readonly stdout?: string;
	readonly stderr?: string;
	readonly msg?: string;
	readonly skipped?: boolean;
	readonly unreachable?: boolean;
}

/** What the playbook feeds the step's verdict: every host's probe results, and in --check the first step that would run before it. */
export interface ProbeResults {
	readonly check_mode?: boolean;
	/** The first earlier step that --check found would run on some host ('' or absent: none). */
	readonly pending?: string;
	readonly hosts: Readonly<Record<string, readonly TaskResult[]>>;
	/** The step's facts read again when it runs, by key (the checks are judged with these, not the export's). */
	readonly facts?: Readonly<Record<string, TaskResult>>;
}

/** The facts read again, as the runner keeps them (stdout); the first one that failed, named, as a string. */
export function freshFacts(step: PlannedStep, input: ProbeResults): Record<string, string> | string {
	const facts: Record<string, string> = {};
	for (const request of step.facts) {
		const result = input.facts?.[request.key];
		if (result?.rc !== 0 || typeof result.stdout !== 'string') {
			return `could not read ${request.description} on ${request.host.id} again when the step ran (${printable(result?.stderr ?? result?.msg ?? `exit ${result?.rc ?? 'none'}`)})`;
		}

		facts[request.key] = result.stdout;
	}

	return facts;
}

export interface HostJudgement {
	readonly decision: 'done' | 'run' | 'refused';
	readonly detail: string;
}

const output = (result: TaskResult): CommandOutput | undefined =>
	(typeof result.rc === 'number' && result.skipped !== true ? {exitCode: result.rc, stdout: result.stdout ?? '', stderr: result.stderr ?? ''} : undefined);

function judged(read: (output: CommandOutput) => Verdict, result: TaskResult): Verdict {
	const facts = output(result);
	if (facts === undefined) {
		return {ok: false, cannotTell: true, detail: `the check could not run (${printable(result.msg ?? 'no exit code')})`};
	}

	try {
		return read(facts);
	} catch (error) {
		return {ok: false, cannotTell: true, detail: `cannot read the check's output (${(error as Error).message})`};
	}
}

/** The commands the record says were exported for the step are the ones it renders now (else a different version or answers). */
export function sameProbes(step: PlannedStep, exported: Readonly<Record<string, readonly string[]>> | undefined): boolean {
	return JSON.stringify(probeLines(step)) === JSON.stringify(exported ?? {});
}

/**
 * The runner's decision (runner/decide.ts, without the journal) from the probes' output on each host:
 * done when every probe says so; to do → run; cannot tell → run when the step is safe to run again, else refused.
 * In --check after an earlier step that would run (nothing of it was made), a check that cannot tell may be
 * waiting for that step: the host would run (as the tool's dry run says such a failure may pass in a real run).
 */
export function judgeProbes(step: PlannedStep, input: ProbeResults): Record<string, HostJudgement> {
	const judgements: Record<string, HostJudgement> = {};
	const pending = input.check_mode === true && typeof input.pending === 'string' && input.pending !== '' ? input.pending : undefined;
	for (const [host, list] of Object.entries(input.hosts ?? {})) {
		const probes = step.probes.filter(probe => probe.host.id === host);
		const details: string[] = [];
		let decision: HostJudgement['decision'] = probes.length === 0 ? 'refused' : 'done';
		if (probes.length !== list.length) {
			judgements[host] = {decision: 'refused', detail: `${step.id} has ${probes.length} check(s) on ${host}, the playbook gave ${list.length}`};
			continue;
		}

		for (const [index, probe] of probes.entries()) {
			const verdict = judged(probe.isDone, list[index]!);
			details.push(`${probe.description}: ${verdict.detail}`);
			if (!verdict.ok) {
				decision = verdict.cannotTell && !step.rerunSafe ? 'refused' : 'run';
				if (decision === 'refused' && pending !== undefined) {
					decision = 'run';
					details.push(`check mode: nothing of ${printable(pending)} (earlier) was made, so this check cannot tell yet; it would run`);
				}

				break;
			}
		}

		judgements[host] = {decision, detail: details.join('; ')};
	}

	return judgements;
}

/** A command's own output check (CommandAction.check), on the registered result. */
export function judgeOutput(step: PlannedStep, host: string, index: number, result: TaskResult): Verdict {
	const action = step.actions.filter(item => item.host.id === host)[index];
	if (action?.kind !== 'command' || action.check === undefined) {
		return {ok: false, detail: `${step.id} has no output check for action ${index} on ${host}`};
	}

	return judged(action.check, result);
}
