import type {Action} from '../../domain/action-types.js';
import type {PlannedStep} from '../../domain/plan-types.js';
import {byHost, commandLine, editLines, hostWords, promptLine} from '../../domain/plan/render-common.js';
import type {EditOperations, ExecutorSource} from '../../runner/run-types.js';
import type {PreviewLine, SectionPreview} from '../../ui/deployment.js';

const line = (text: string, tone: PreviewLine['tone'] = 'plain'): PreviewLine => ({text, tone});

function diffLines(diff: string): PreviewLine[] {
	return diff.split('\n').filter(text => text !== '').map(text => {
		if (text.startsWith('+') && !text.startsWith('+++')) {
			return line(`      ${text}`, 'diff-add');
		}

		return line(`      ${text}`, text.startsWith('-') && !text.startsWith('---') ? 'diff-remove' : 'plain');
	});
}

async function actionLines(action: Action, readDiff: (action: Action & {kind: 'edit'}) => Promise<string>): Promise<PreviewLine[]> {
	if (action.kind === 'edit') {
		const diff = await readDiff(action);
		return [line(`    ! edit ${action.path}  [root] (checked: ${action.validate})`, 'changes'), ...(diff === '' ? editLines(action).map(text => line(`      - ${text}`)) : diffLines(diff))];
	}

	const flags = [action.asRoot ? 'root' : '', action.pty ? 'terminal' : ''].filter(Boolean);
	return [
		line(`    ${action.mutates ? '!' : '$'} ${commandLine(action)}${flags.length > 0 ? `  [${flags.join(', ')}]` : ''}`, action.mutates ? 'changes' : 'reads'),
		...(action.note === undefined ? [] : [line(`      note: ${action.note}`, 'note')]),
		...action.prompts.map(rule => line(`      answers: ${promptLine(rule)}`)),
	];
}

/**
 * A section's preview: per step what and why, the facts' notes, then per host the exact commands
 * ("$" reads only, "!" changes) and the diff of every file edit as it would be made now (secrets masked).
 */
export async function sectionPreview(steps: readonly PlannedStep[], executors: ExecutorSource, edits: EditOperations): Promise<SectionPreview> {
	const readDiff = async (action: Action & {kind: 'edit'}): Promise<string> => {
		try {
			const snapshot = await edits.read(executors.get(action.host), action.path);
			const {diff, text} = edits.preview(snapshot, action.edits);
			return text === snapshot.text ? '(already as wanted: not written)' : diff;
		} catch (error) {
			return `(cannot read it now: ${(error as Error).message})`;
		}
	};

	const lines: PreviewLine[] = [];
	for (const step of steps) {
		lines.push(line(`[${step.id}] ${step.title}`, 'heading'), line(`  ${step.why}`));
		lines.push(...step.notes.map(note => line(`  note: ${note}`, 'note')));
		if (step.skipped !== undefined) {
			lines.push(line(`  skipped: ${step.skipped}`, 'note'));
			continue;
		}

		for (const request of step.facts) {
			lines.push(line(`  reads first on ${request.host.id}: $ ${commandLine(request)}`, 'reads'));
		}

		for (const group of byHost(step.actions)) {
			lines.push(line(`  on ${hostWords(group.host)}:`));
			for (const action of group.items) {
				lines.push(...await actionLines(action, readDiff));
			}
		}

		for (const probe of step.probes) {
			lines.push(line(`  done when: ${probe.description}`, 'reads'));
		}
	}

	return {lines};
}
