import path from 'node:path';
import {readJournalFile} from '../../source/state/journal.js';
import type {Terminal} from '../helpers/tmux.js';
import {filesUnder} from './run-helpers.js';

/**
 * The text Ink was drawing just before the first ESC[3J (the scrollback wipe it writes when a frame is as tall as the
 * terminal) in a recording, escape sequences removed; '' when the recording has none.
 */
export function screenBeforeWipe(bytes: Buffer): string {
	const wipe = bytes.indexOf('\u001B[3J', 0, 'latin1');
	// eslint-disable-next-line no-control-regex -- the escape sequences are what is removed
	return wipe === -1 ? '' : bytes.subarray(Math.max(0, wipe - 3000), wipe).toString('utf8').replaceAll(/\u001B\[[0-9;?]*[a-zA-Z]/g, '');
}

/** Enter on the summary ends the wizard: typed again while the program is still there (a key typed in the instant before a screen's input handler subscribes is lost). */
export async function leaveSummary(terminal: Terminal): Promise<number> {
	for (let attempt = 0; ; attempt++) {
		terminal.press('Enter');
		try {
			return await terminal.exitStatus(attempt < 5 ? 5000 : 60_000);
		} catch (error) {
			if (attempt >= 5) {
				throw error;
			}
		}
	}
}

/** What the journal in a state directory says, per step id and host id (its records read as the wizard reads them). */
export function stepStatuses(state: string): Record<string, Record<string, string>> {
	const file = filesUnder(path.join(state, 'journals')).find(name => name.endsWith('.json'));
	const steps = file === undefined ? {} : readJournalFile(file)?.steps ?? {};
	return Object.fromEntries(Object.entries(steps).map(([step, hosts]) => [step, Object.fromEntries(Object.entries(hosts).map(([host, cell]) => [host, cell.status]))]));
}

/** The rows of the summary's table on show whose failed column is not 0. */
export const failedSummaryRows = (screen: string): string[] => screen.split('\n').filter(line => /\d+ +\d+ +\d+ +[1-9]\d*$/.test(line));
