import type {RunEventListener} from '../../runner/events.js';
import type {ConfirmRequest, FailureChoice, FailureRequest, QuestionRequest} from '../../runner/run-types.js';

/**
 * What the run screen gives the runner (runPlan) for one run: its listener, its callbacks and its two
 * signals. Spread into runPlan's options as they are: every member has the name of the option it fills.
 */
export interface RunHooks {
	readonly onEvent: RunEventListener;
	confirm(request: ConfirmRequest): Promise<boolean>;
	question(request: QuestionRequest): Promise<string | undefined>;
	onFailure(failure: FailureRequest): Promise<FailureChoice>;
	/** Abort now: running commands are killed (local and remote). */
	readonly signal: AbortSignal;
	/** Stop after the running commands. */
	readonly stopSignal: AbortSignal;
}
