import type {AnswersSession} from '../state/answers-session.js';

/**
 * Takes the run's answers into the state directory (given ones, --set, generated secrets) and says which
 * secrets are kept there. Called once the deployment lock is held: a refused run (locked, a host not
 * reached, answers the hosts contradict) leaves the saved answers as they were, another admin's run's among them.
 */
export function saveRunAnswers(session: AnswersSession, say: (text: string) => void): void {
	const kept = session.save();
	if (session.generatedNow.length > 0) {
		say(`snf-upgrade: generated ${session.generatedNow.join(', ')}; kept in ${session.store.path} (mode 0600, readable only by you).`);
	}

	const given = kept.filter(key => !session.generatedNow.includes(key));
	if (given.length > 0) {
		say(`snf-upgrade: the secrets ${given.join(', ')} are saved in ${session.store.path} (mode 0600), as you chose; --no-save-secrets removes them.`);
	}
}
