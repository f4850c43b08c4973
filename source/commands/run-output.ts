import type {Transcript} from '../state/transcript.js';
import {detachHungUpTerminals, terminalDescriptors} from './hung-up-terminal.js';
import {guardOutput, type GuardedOutput} from './output-guard.js';

/** The run's stdout and stderr, guarded: losing either stops the run at the next step boundary (stop). */
export interface RunOutput {
	readonly stdout: GuardedOutput;
	/** One line to stderr, redacted. */
	say(text: string): void;
	/** The terminal hung up (SIGHUP): its descriptors are pointed at /dev/null; true when stdout or stderr was on it. */
	hungUp(): boolean;
	/** Records every loss (those before too) in the transcript, which is then the record of the run. */
	recordIn(transcript: Transcript): void;
}

export function createRunOutput(streams: {readonly stdout: NodeJS.WritableStream; readonly stderr: NodeJS.WritableStream}, redact: (text: string) => string, stop: AbortController): RunOutput {
	const terminals = terminalDescriptors();
	const notes: string[] = [];
	let transcript: Transcript | undefined;
	const lost = (stream: string) => (code: string) => {
		if (code === 'EIO') {
			detachHungUpTerminals(terminals);
		}

		const what = `${stream} went away (${code})`;
		const note = `${what}: the running step finishes, then the run stops at the step boundary; this transcript is the record`;
		notes.push(note);
		transcript?.write(note);
		stop.abort(new Error(what));
		say(`snf-upgrade: ${note}.`);
	};

	const stderr = guardOutput(streams.stderr, lost('stderr'));
	const stdout = guardOutput(streams.stdout, lost('stdout'));
	function say(text: string) {
		stderr.write(`${redact(text)}\n`);
	}

	return {
		stdout,
		say,
		hungUp() {
			detachHungUpTerminals(terminals);
			return terminals.includes(1) || terminals.includes(2);
		},
		recordIn(target) {
			transcript = target;
			for (const note of notes) {
				target.write(note);
			}
		},
	};
}
