import type {InputChannel, PromptResponder} from './executor.js';

/** Where a running command's input goes: a child's stdin, or an SSH channel. */
export interface InputSink {
	/** Whether input can still be written. */
	writable(): boolean;
	write(text: string): void;
	end(text?: string): void;
}

export interface InputRules {
	readonly stdin?: string;
	readonly prompts?: PromptResponder;
	/** sudo will ask for a password that the responder types. */
	readonly sudoPassword: boolean;
}

/**
 * The stdin rules every executor follows: given text is written and stdin closed (so `cat > file`
 * ends); with a prompt responder and no text, stdin stays open for the responder; with a sudo password
 * to type, the text waits until the responder's first answer (the password must be the first line sudo
 * reads). Returns start(), called once the command runs.
 */
export function routeInput(sink: InputSink, rules: InputRules, fail: (reason: string) => void): () => void {
	let heldInput = rules.sudoPassword ? rules.stdin : undefined;
	const channel: InputChannel = {
		write(text) {
			if (!sink.writable()) {
				return;
			}

			sink.write(text);
			if (heldInput !== undefined) {
				sink.end(heldInput);
				heldInput = undefined;
			}
		},
		fail,
	};

	return () => {
		if (rules.prompts === undefined || (rules.stdin !== undefined && !rules.sudoPassword)) {
			sink.end(rules.stdin ?? '');
		}

		rules.prompts?.start(channel);
	};
}
