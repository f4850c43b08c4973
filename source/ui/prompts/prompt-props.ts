import type {AnswerValue} from '../../domain/answer-types.js';
import type {Question} from '../../domain/answers/questions.js';
import type {SuggestedValue} from '../deployment.js';

/** What every prompt component gets: one question, the value offered, and where the answer goes. */
export interface PromptProps {
	readonly question: Question;
	readonly suggested: SuggestedValue;
	readonly isActive: boolean;
	/** A valid answer; undefined leaves an optional answer unset. */
	readonly onAnswer: (value: AnswerValue | undefined) => void;
	/** The value as typed so far (derived answers follow it). */
	readonly onDraft?: (value: AnswerValue | undefined) => void;
}

/** An answer as the admin types it: lists comma-separated. */
export function answerText(value: AnswerValue | undefined): string {
	if (value === undefined) {
		return '';
	}

	return Array.isArray(value) ? value.join(', ') : String(value);
}
