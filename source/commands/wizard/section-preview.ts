import type {Action, Arg} from '../../domain/action-types.js';
import type {PlannedStep} from '../../domain/plan-types.js';
import {byHost, commandLine, editLines, hostWords, promptLine} from '../../domain/plan/render-common.js';
import {renderShell} from '../../domain/shell-quote.js';
import {unifiedDiff} from '../../domain/unified-diff.js';
import type {EditOperations, ExecutorSource} from '../../runner/run-types.js';
import type {PreviewLine, SectionPreview} from '../../ui/deployment.js';

const line = (text: string, tone: PreviewLine['tone'] = 'plain'): PreviewLine => ({text, tone});

/** Lines as the admin sees them (secrets masked) and the same lines with the secrets in the clear. */
interface Shown {
	readonly masked: PreviewLine[];
	readonly clear: PreviewLine[];
}

const same = (...lines: PreviewLine[]): Shown => ({masked: lines, clear: lines});
const joined = (parts: readonly Shown[]): Shown => ({masked: parts.flatMap(part => part.masked), clear: parts.flatMap(part => part.clear)});
const clearArg = (arg: Arg) => (typeof arg === 'string' ? arg : arg.value);


function diffLines(diff: string): PreviewLine[] {
	return diff.split('\n').filter(text => text !== '').map(text => {
		if (text.startsWith('+') && !text.startsWith('+++')) {
			return line(`      ${text}`, 'diff-add');
		}

		return line(`      ${text}`, text.startsWith('-') && !text.startsWith('---') ? 'diff-remove' : 'plain');
	});
}

/** The diff of an edit as it would be made now, masked and in the clear, or why there is none. */
type ReadDiff = (action: Action & {kind: 'edit'}) => Promise<{readonly masked: string; readonly clear: string}>;

async function actionLines(action: Action, readDiff: ReadDiff): Promise<Shown> {
	if (action.kind === 'edit') {
		const heading = line(`    ! edit ${action.path}  [root] (checked: ${action.validate})`, 'changes');
		const diff = await readDiff(action);
		if (diff.masked === '') {
			return same(heading, ...editLines(action).map(text => line(`      - ${text}`)));
		}

		return {masked: [heading, ...diffLines(diff.masked)], clear: [heading, ...diffLines(diff.clear)]};
	}

	const flags = [action.asRoot ? 'root' : '', action.pty ? 'terminal' : ''].filter(Boolean);
	const tone = action.mutates ? 'changes' : 'reads';
	const command = (text: string) => line(`    ${action.mutates ? '!' : '$'} ${text}${flags.length > 0 ? `  [${flags.join(', ')}]` : ''}`, tone);
	const rest = [
		...(action.note === undefined ? [] : [same(line(`      note: ${action.note}`, 'note'))]),
		...action.prompts.map(rule => ({masked: [line(`      answers: ${promptLine(rule)}`)], clear: [line(`      answers: ${rule.description} → ${clearArg(rule.answer)}`)]})),
	];
	return joined([{masked: [command(commandLine(action))], clear: [command(renderShell(action.shell, 'clear'))]}, ...rest]);
}

/**
 * A section's preview: per step what and why, the facts' notes, then per host the exact commands
 * ("$" reads only, "!" changes) and the diff of every file edit as it would be made now (secrets masked);
 * and the same lines with the secrets in the clear, for the screen only, when they differ.
 */
export async function sectionPreview(steps: readonly PlannedStep[], executors: ExecutorSource, edits: EditOperations): Promise<SectionPreview> {
	const readDiff: ReadDiff = async action => {
		try {
			const snapshot = await edits.read(executors.get(action.host), action.path);
			const {diff, text} = edits.preview(snapshot, action.edits);
			const unchanged = '(already as wanted: not written)';
			return text === snapshot.text ? {masked: unchanged, clear: unchanged} : {masked: diff, clear: unifiedDiff(snapshot.text, text, snapshot.path)};
		} catch (error) {
			const why = `(cannot read it now: ${(error as Error).message})`;
			return {masked: why, clear: why};
		}
	};

	const parts: Shown[] = [];
	for (const step of steps) {
		parts.push(same(line(`[${step.id}] ${step.title}`, 'heading'), line(`  ${step.why}`), ...step.notes.map(note => line(`  note: ${note}`, 'note'))));
		if (step.skipped !== undefined) {
			parts.push(same(line(`  skipped: ${step.skipped}`, 'note')));
			continue;
		}

		parts.push(same(...step.facts.map(request => line(`  reads first on ${request.host.id}: $ ${commandLine(request)}`, 'reads'))));
		for (const group of byHost(step.actions)) {
			parts.push(same(line(`  on ${hostWords(group.host)}:`)));
			for (const action of group.items) {
				parts.push(await actionLines(action, readDiff));
			}
		}

		parts.push(same(...step.probes.map(probe => line(`  done when: ${probe.description}`, 'reads'))));
	}

	const {masked, clear} = joined(parts);
	const differs = clear.some((revealed, index) => revealed.text !== masked[index]?.text) || clear.length !== masked.length;
	return {lines: masked, ...(differs ? {revealed: clear} : {})};
}
