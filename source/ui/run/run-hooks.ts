import type {RunEventListener} from '../../runner/events.js';
import type {ConfirmRequest, QuestionRequest} from '../../runner/run-types.js';

/** What the run screen gives the runner (runPlan) for one run: its listener, its callbacks and its stop signal. */
export interface RunHooks {
	readonly onEvent: RunEventListener;
	confirm(request: ConfirmRequest): Promise<boolean>;
	question(request: QuestionRequest): Promise<string | undefined>;
	readonly signal: AbortSignal;
}
