import {hostList} from '../domain/host-list.js';
import type {StepRef} from './events.js';

/** How one host of a step ended, as far as the events said. */
export type CellState = 'done' | 'already done' | 'failed' | 'skipped' | 'unfinished';

/** At most this many failed hosts are named in a summary line; the rest are counted. */
const namedFailuresLimit = 10;

/** The failed hosts first, then every count: `FAILED on gnt3, gnt17; 250 done, 4 already done, 2 failed, 0 skipped`. */
export function hostOutcomes(cells: ReadonlyMap<string, CellState>): string {
	const ids = (state: CellState) => [...cells].filter(([, cell]) => cell === state).map(([host]) => host);
	const failed = ids('failed');
	const unfinished = ids('unfinished');
	const counts = [
		`${ids('done').length} done`,
		`${ids('already done').length} already done`,
		`${failed.length} failed`,
		`${ids('skipped').length} skipped`,
		...(unfinished.length > 0 ? [`${unfinished.length} unfinished (${hostList(unfinished, namedFailuresLimit)})`] : []),
	].join(', ');
	const failures = failed.length > 0 ? `FAILED on ${hostList(failed, namedFailuresLimit)}; ` : '';
	return `${failures}${counts}`;
}

/**
 * The one line that ends a step run on more than one host: the failed hosts first, then every count
 * (`[2.1 packages] install-packages on 256 hosts: FAILED on gnt3, gnt17; 250 done, 4 already done, 2 failed, 0 skipped`).
 */
export function stepSummaryLine(step: StepRef, cells: ReadonlyMap<string, CellState>): string {
	return `[${step.section.number} ${step.section.id}] ${step.id} on ${cells.size} hosts: ${hostOutcomes(cells)}`;
}
