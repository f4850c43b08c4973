import type {AnswerValue} from '../domain/answer-types.js';
import type {AnswersStore, SavedAnswers} from './answers-store.js';

const empty: SavedAnswers = {answers: {}, generated: []};

export interface AnswerWrite {
	readonly secret: boolean;
	/** A secret snf-upgrade generated: kept always (it exists nowhere else). */
	readonly generated?: boolean;
	/** The admin's save-secrets choice: a typed secret is kept only when true; otherwise it is asked again next time. */
	readonly keepSecrets: boolean;
}

/** Saves one answer the moment it is given (file mode 0600, written atomically by conf). */
export function writeAnswer(store: AnswersStore, key: string, value: AnswerValue, how: AnswerWrite): void {
	const saved = store.load() ?? empty;
	const answers: Record<string, unknown> = {...saved.answers};
	const generated = saved.generated.filter(name => name !== key);
	const withheld = new Set(saved.withheld ?? []);
	withheld.delete(key);
	if (!how.secret || how.generated === true || how.keepSecrets) {
		answers[key] = value;
		if (how.secret && how.generated === true) {
			generated.push(key);
		}
	} else {
		delete answers[key];
		withheld.add(key);
	}

	store.save({...saved, answers, generated, withheld: [...withheld]});
}

/** Removes a saved answer (an optional one left unset). */
export function clearAnswer(store: AnswersStore, key: string): void {
	const saved = store.load() ?? empty;
	const {[key]: _removed, ...answers} = saved.answers;
	store.save({...saved, answers, generated: saved.generated.filter(name => name !== key), withheld: (saved.withheld ?? []).filter(name => name !== key)});
}

/** Saves the inventory as given (raw JSON, as in an answers file). */
export function writeInventory(store: AnswersStore, inventory: unknown): void {
	store.save({...(store.load() ?? empty), inventory});
}

/** Saves the admin's choice to leave an optional section out, or to take it back in. */
export function writeSkippedSection(store: AnswersStore, section: string, skipped: boolean): void {
	const saved = store.load() ?? empty;
	const others = (saved.skippedSections ?? []).filter(id => id !== section);
	store.save({...saved, skippedSections: skipped ? [...others, section] : others});
}
