import fs from 'node:fs';
import type {Terminal} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

/** Waits until the recording file stops growing (tmux's pipe has passed on every byte). */
export async function settledRecording(file: string): Promise<Buffer> {
	let size = -1;
	await waitFor(() => {
		const now = fs.statSync(file).size;
		const settled = now === size;
		size = now;
		return settled;
	}, 'the recording to settle');
	return fs.readFileSync(file);
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
