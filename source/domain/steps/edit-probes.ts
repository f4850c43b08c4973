import type {EditAction, Probe, Verdict} from '../action-types.js';
import {applyEdit, describeEdit} from '../transforms/apply-edits.js';
import {argv, failedRun, parsedVerdict, probe, verdict} from './builders.js';

/**
 * Done when the file as it is on the host already says what the edits write: applying each to the
 * text read (`cat`) changes nothing. A file that cannot be read, or an edit that cannot apply to it, is "cannot tell".
 */
export function unchangedByEditsProbe(action: EditAction, description: string): Probe {
	return probe(action.host, argv('cat', '--', action.path), description, (output): Verdict => failedRun(output) ?? parsedVerdict(() => {
		const changing = action.edits.filter(edit => applyEdit(output.stdout, edit, 'reveal') !== output.stdout);
		const described = (edits: typeof action.edits) => edits.map(edit => describeEdit(edit)).join('; ');
		return changing.length === 0
			? verdict(true, `applying them would change nothing in ${action.path} (${described(action.edits)})`)
			: verdict(false, `${action.path} still needs: ${described(changing)}`);
	}));
}
