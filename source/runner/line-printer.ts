import type {RunEvent, StepRef} from './events.js';
import {restoreLines, type BackupMade} from './restore-lines.js';
import {type CellState, stepSummaryLine} from './step-summary.js';

export interface LinePrinterOptions {
	/** Receives whole lines, each ending with a newline. */
	readonly write: (text: string) => void;
	/** The one redactor, applied again to every line (belt and braces: events are already redacted). */
	readonly redact: (text: string) => string;
}

const prefix = (step: StepRef, host: string) => `[${step.section.number} ${step.section.id}] ${step.id} @ ${host}`;
const indent = (text: string, by: string) => text.replace(/\n$/, '').split('\n').map(line => `${by}${line}`).join('\n');

/**
 * Plain line output for `run --yes` and pipes: one line per step × host event
 * (`[2.4 oauth] register-pithos-view @ astakos: done`), commands and their output indented;
 * a step that ran on more than one host ends with one summary line (step-summary.ts). Each redraw of a
 * progress bar (an output event that `replacesLast`) is printed as a line of its own, as it comes: a log
 * gets every state, as the transcript does, and nothing is held back waiting to see whether it is replaced.
 * Returns the event listener.
 */
export function createLinePrinter(options: LinePrinterOptions): (event: RunEvent) => void {
	const running = new Set<string>();
	const backups: BackupMade[] = [];
	const line = (text: string) => {
		options.write(`${options.redact(text)}\n`);
	};

	/** With several hosts of a step running at once, output lines say which host they come from. */
	const who = (host: string) => (running.size > 1 ? `${host}| ` : '');

	// Steps run one after another: the current step's hosts are summed up when the next step (or section, or the end) comes.
	let current: {step: StepRef; cells: Map<string, CellState>} | undefined;
	const endStep = () => {
		if (current !== undefined && current.cells.size > 1) {
			line(stepSummaryLine(current.step, current.cells));
		}

		current = undefined;
	};

	const tally = (event: RunEvent) => {
		if (event.type !== 'step-started' && event.type !== 'step-done' && event.type !== 'step-failed' && event.type !== 'step-skipped') {
			return;
		}

		if (current?.step.id !== event.step.id) {
			endStep();
			current = {step: event.step, cells: new Map()};
		}

		const states = {'step-started': 'unfinished', 'step-done': 'done', 'step-failed': 'failed', 'step-skipped': 'skipped'} as const;
		current.cells.set(event.host, event.type === 'step-skipped' && event.alreadyDone ? 'already done' : states[event.type]);
	};

	return event => {
		if (event.type === 'section-started' || event.type === 'run-finished') {
			endStep();
		}

		tally(event);
		switch (event.type) {
			case 'section-started': {
				line(`== ${event.section.number} ${event.section.title}`);
				break;
			}

			case 'step-started': {
				running.add(`${event.step.id}@${event.host}`);
				line(`${prefix(event.step, event.host)}: running — ${event.step.title}`);
				break;
			}

			case 'command': {
				line(event.skipped ? `    ! ${who(event.host)}${event.command}   (dry run: changes the host, not run)` : `    $ ${who(event.host)}${event.command}`);
				break;
			}

			case 'output': {
				const by = `      ${who(event.host)}`;
				line(`${by}${event.text.replaceAll('\n', `\n${by}`)}`);
				break;
			}

			case 'prompt-waiting': {
				line(`${prefix(event.step, event.host)}: waiting for input: ${event.prompt}`);
				break;
			}

			case 'diff': {
				line(`    ${event.skipped ? '!' : '~'} ${who(event.host)}edit ${event.path}${event.skipped ? '   (dry run: not written)' : ''}`);
				line(indent(event.diff, '      '));
				break;
			}

			case 'step-done': {
				running.delete(`${event.step.id}@${event.host}`);
				line(`${prefix(event.step, event.host)}: ${event.detail}`);
				break;
			}

			case 'step-skipped': {
				line(`${prefix(event.step, event.host)}: ${event.alreadyDone ? event.reason : `skipped: ${event.reason}`}`);
				break;
			}

			case 'step-failed': {
				running.delete(`${event.step.id}@${event.host}`);
				line(`${prefix(event.step, event.host)}: FAILED: ${event.message}`);
				if (event.exitCode !== undefined && event.exitCode !== null) {
					line(`    exit code: ${event.exitCode}`);
				}

				if (event.outputTail) {
					line(`    output:\n${indent(event.outputTail, '      ')}`);
				}

				if (event.hint) {
					line(`    next: ${event.hint}`);
				}

				break;
			}

			case 'backup-made': {
				backups.push(event);
				line(`    = ${who(event.host)}backup ${event.file}`);
				break;
			}

			case 'notice': {
				line(`note: ${event.text}`);
				break;
			}

			case 'run-finished': {
				const {ran, alreadyDone, skipped, failed} = event.summary;
				const counts = `${ran} ran, ${alreadyDone} already done, ${skipped} skipped, ${failed} failed`;
				if (event.dryRun && failed > 0) {
					line(`Dry run finished: ${failed} failed (${counts}); a real run would stop at the first.`);
				} else if (event.outcome === 'done' && ran === 0 && failed === 0) {
					line(`Nothing to do: every step is already done or does not apply (${counts}).`);
				} else {
					const words = {done: 'Finished', failed: 'Stopped: a step failed', interrupted: 'Interrupted', declined: 'Stopped: declined'} as const;
					line(`${words[event.outcome]} (${counts}).`);
				}

				for (const text of restoreLines(backups)) {
					line(text);
				}

				break;
			}
		}
	};
}
