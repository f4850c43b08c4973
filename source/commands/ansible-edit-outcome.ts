import type {EditAction} from '../domain/action-types.js';
import type {TaskResult} from '../domain/ansible/ansible-verdict.js';
import {createRedactor} from '../domain/redact.js';
import {shellQuote} from '../domain/shell-quote.js';
import {maskedTail, parseFileRead, previewEdit, sha256, writeRefusal} from '../executors/file-edit.js';
import {pendingWritePath, writeExit, writeScript} from '../executors/file-write-script.js';

/** What the playbook feeds `ansible-edit`: the read task's result, whether it runs in --check, the secrets the edit writes. */
export interface EditRequest {
	readonly read?: TaskResult;
	readonly check_mode?: boolean;
	/** In --check: the first earlier step that would run ('' when none). */
	readonly pending?: string;
	readonly secrets?: Readonly<Record<string, string>>;
}

/** What `ansible-edit` prints (one JSON line): no secret in it but the new content (the playbook's tasks on it have no_log). */
export type EditOutcome =
	| {readonly state: 'refused' | 'later' | 'done'; readonly message: string}
	| {
		readonly state: 'write';
		/** The masked diff. */
		readonly message: string;
		/** The tool's write script, reading the new content (base64) on stdin. */
		readonly command: string;
		/** The new content, base64. */
		readonly content: string;
		/** The write script's exit code → what it means. */
		readonly failures: Readonly<Record<string, string>>;
	};

/**
 * The tool's edit (runner/run-host.ts runEditAction) on a file read by the playbook: the read as the tool parses it,
 * an interrupted write refused (the tool settles it; the playbook does not), the step's own edits applied, "already
 * as wanted" when they change nothing, else the tool's write script for this snapshot. A file the edit cannot take,
 * or one that cannot be read, is refused; in --check after a step that would run it is "later" (it may pass).
 */
export function editOutcome(action: EditAction, request: EditRequest, now: Date): EditOutcome {
	const where = `${action.path} on ${action.host.id}`;
	const secrets = request.secrets ?? {};
	const redact = createRedactor(Object.values(secrets));
	const pending = request.check_mode === true && typeof request.pending === 'string' && request.pending !== '' ? request.pending : undefined;
	const cannot = (why: string): EditOutcome => (pending === undefined
		? {state: 'refused', message: `${why}: nothing written`}
		: {state: 'later', message: `check mode: ${why}; nothing of ${pending} (earlier) was made, so this may pass in a real run`});
	const {read} = request;
	if (read?.rc !== 0 || typeof read.stdout !== 'string') {
		return cannot(`cannot read ${where} (exit ${read?.rc ?? 'none'}): ${redact(maskedTail(read?.stderr ?? read?.msg ?? 'the read did not run'))}`);
	}

	const parsed = parseFileRead(action.path, read.stdout);
	if (parsed === undefined) {
		return {state: 'refused', message: `the read of ${where} gave output snf-upgrade cannot take as the file: nothing written`};
	}

	const {snapshot, record} = parsed;
	if (record !== '') {
		return {state: 'refused', message: `${snapshot.target} on ${action.host.id} was being written by an earlier run that was interrupted (${pendingWritePath(snapshot.target)} is there): snf-upgrade run settles it; or compare the file with the backup that record names, then remove the record. Nothing written`};
	}

	let preview;
	try {
		preview = previewEdit(snapshot, action.edits, redact);
	} catch (error) {
		return cannot(`${where} is not in a state the edit understands (${redact((error as Error).message)})`);
	}

	if (preview.newText === snapshot.text) {
		return {state: 'done', message: `${where}: already as wanted, not written`};
	}

	const script = writeScript(snapshot, {sha256: sha256(preview.newText), bytes: Buffer.byteLength(preview.newText, 'utf8')}, action.validate, now);
	const failures = Object.fromEntries([...Object.values(writeExit), 'other'].map(code => {
		const refusal = writeRefusal(action.path, typeof code === 'number' ? code : null, action.validate, undefined);
		return [String(code), `${refusal.message} on ${action.host.id}${refusal.hint === undefined ? '' : ` (${refusal.hint})`}`];
	}));
	return {
		state: 'write',
		message: `${where}: ${request.check_mode === true ? 'check mode: would write' : 'writes'} this change (secrets masked):\n${preview.diff}`,
		command: `base64 -d | sh -c ${shellQuote(script)}`,
		content: Buffer.from(preview.newText, 'utf8').toString('base64'),
		failures,
	};
}
