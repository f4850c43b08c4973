import {createHash} from 'node:crypto';
import type {FileEdit, FileValidation} from '../domain/action-types.js';
import {OperationError} from '../domain/errors.js';
import {maskSecretsInDiff, maskSecretsInText} from '../domain/transforms/mask-setting-secrets.js';
import {shellQuote} from '../domain/shell-quote.js';
import {applyEdits} from '../domain/transforms/apply-edits.js';
import {unifiedDiff} from '../domain/unified-diff.js';
import type {CommandResult, Executor, FileSnapshot, PromptResponder} from './executor.js';
import {writeExit, writeScript} from './file-write-script.js';
import {settleInterruptedWrite} from './interrupted-write.js';

export interface FileAccessOptions {
	readonly asRoot: boolean;
	/** A fresh prompt responder per command (sudo asking for a password on this host). */
	readonly prompts?: () => PromptResponder;
	readonly signal?: AbortSignal;
}

export function sha256(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The last lines of a command's output, with the secret values of any settings line it quotes masked. */
export function maskedTail(text: string, lines = 20): string {
	return maskSecretsInText(text.trimEnd().split('\n').slice(-lines).join('\n'));
}

/** A read-only command, or with `change` one that changes the host (given its stdin). */
function runFileCommand(executor: Executor, commandLine: string, options: FileAccessOptions, change?: {readonly stdin: string}): Promise<CommandResult> {
	return executor.run(commandLine, {
		asRoot: options.asRoot,
		mutates: change !== undefined,
		...(change === undefined ? {} : {stdin: change.stdin}),
		...(options.prompts === undefined ? {} : {prompts: options.prompts()}),
		...(options.signal === undefined ? {} : {signal: options.signal}),
	});
}

/**
 * The read: the link resolved (`readlink -f`: a symlinked settings file is edited in its target, as a
 * configuration-management user expects), then mode and owner of the target, the target's path, the
 * record of an interrupted write beside it (empty line if none), and the content.
 */
export function readScript(filePath: string): string {
	return [
		`l=${shellQuote(filePath)}`,
		't=$(readlink -f -- "$l") && [ -f "$t" ] || { echo "$l is not a regular file or a link to one" >&2; exit 1; }',
		`case "$t" in *'\n'*) echo "$l leads to a name with a newline in it" >&2; exit 1;; esac`,
		`m="\${t%/*}/.\${t##*/}.snf-upgrade-write"; r=`,
		'[ -f "$m" ] && { r=$(head -n 1 -- "$m") || exit 1; }',
		'stat -c \'%a %u %g\' -- "$t" && printf \'%s\\n%s\\n\' "$t" "$r" && cat -- "$t"',
	].join('\n');
}

/**
 * Reads a file on the executor's host: content, mode and owner, sha256 of what was read; a symlink is
 * followed to its target. A write of it that an earlier run left interrupted is settled first
 * (settleInterruptedWrite: the original or the new content is fine, anything else stops).
 */
export async function readRemoteFile(executor: Executor, filePath: string, options: FileAccessOptions): Promise<FileSnapshot> {
	const commandLine = readScript(filePath);
	const result = await runFileCommand(executor, commandLine, options);
	const read = result.outcome === 'completed' && result.exitCode === 0 ? parseFileRead(filePath, result.stdout) : undefined;
	if (read === undefined) {
		throw new OperationError(`Cannot read ${filePath} on ${executor.host.label}`, {
			host: executor.host.label,
			command: `read ${filePath}`,
			exitCode: result.exitCode,
			outputTail: maskedTail(result.failure ?? result.stderr),
		});
	}

	await settleInterruptedWrite(executor.host.label, read.snapshot, read.record, async line => runFileCommand(executor, line, options, {stdin: ''}));
	return read.snapshot;
}

/** The output of readScript (exit 0) as a snapshot and the record line of an interrupted write ('' if none); undefined when it is not that output. */
export function parseFileRead(filePath: string, stdout: string): {readonly snapshot: FileSnapshot; readonly record: string} | undefined {
	const [meta, target, record] = stdout.split('\n', 3);
	const mode = /^([0-7]+) (\d+) (\d+)$/.exec(meta ?? '');
	if (mode === null || target === undefined || record === undefined) {
		return undefined;
	}

	const text = stdout.slice(meta!.length + target.length + record.length + 3);
	return {
		snapshot: {path: filePath, target, text, sha256: sha256(text), mode: Number.parseInt(mode[1]!, 8), uid: Number(mode[2]), gid: Number(mode[3])},
		record,
	};
}

export interface EditPreview {
	/** The new content with secrets revealed: what is written. */
	readonly newText: string;
	/** Unified diff of the masked renderings, through the redactor: what is shown and logged. */
	readonly diff: string;
}

export function previewEdit(snapshot: FileSnapshot, edits: readonly FileEdit[], redact: (text: string) => string): EditPreview {
	const newText = applyEdits(snapshot.text, edits, 'reveal');
	const maskedNew = applyEdits(snapshot.text, edits, 'mask');
	return {newText, diff: redact(maskSecretsInDiff(unifiedDiff(snapshot.text, maskedNew, snapshot.path)))};
}

export interface WriteOptions extends FileAccessOptions {
	readonly validate: FileValidation;
	/** Names the backup (`<path>.snf-upgrade-<YYYYMMDDTHHMMSSZ>.bak`). */
	readonly now: Date;
}

export interface WriteResult {
	/** The backup beside the file; absent when a dry-run executor skipped the write. */
	readonly backupPath?: string;
}

/**
 * Writes newText over the snapshot's file atomically in one script through the executor; refuses if the
 * file changed since it was read, keeps mode and owner, makes a timestamped backup beside it, and checks
 * the result (restoring the backup when the check fails).
 */
export async function writeFileAtomically(
	executor: Executor,
	snapshot: FileSnapshot,
	newText: string,
	options: WriteOptions,
): Promise<WriteResult> {
	const script = writeScript(snapshot, {sha256: sha256(newText), bytes: Buffer.byteLength(newText, 'utf8')}, options.validate, options.now);
	const result = await runFileCommand(executor, script, options, {stdin: newText});
	const details = {
		host: executor.host.label,
		command: `write ${snapshot.path} (atomic, with backup)`,
		exitCode: result.exitCode,
		outputTail: maskedTail(result.failure ?? result.stderr),
	};
	const backupPath = /^backup (.+)$/m.exec(result.stdout)?.[1];
	if (result.outcome !== 'completed') {
		throw new OperationError(`Writing ${snapshot.path} did not complete (${result.outcome})`, {
			...details,
			hint: 'run again: the file is read again first, and it is either the original (written again), the new content (done), or the run stops and names the backup that holds the original',
		});
	}

	if (result.exitCode === 0) {
		if (backupPath !== undefined) {
			return {backupPath};
		}

		// The script always names its backup; only a dry-run executor returns success with no output.
		if (result.stdout === '' && result.stderr === '') {
			return {};
		}

		throw new OperationError(`Writing ${snapshot.path} reported no backup`, details);
	}

	const refusal = writeRefusal(snapshot.path, result.exitCode, options.validate, backupPath);
	throw new OperationError(refusal.message, {...details, ...(refusal.hint === undefined ? {} : {hint: refusal.hint})});
}

/** What a write script's exit code other than 0 says (and what to do), for the tool's run and the Ansible export. */
export function writeRefusal(filePath: string, exitCode: number | null, validate: FileValidation, backupPath: string | undefined): {readonly message: string; readonly hint?: string} {
	switch (exitCode) {
		case writeExit.changed: {
			return {message: `${filePath} changed since it was read; nothing was written`, hint: 'run the step again: the file is read afresh and the diff shown again'};
		}

		case writeExit.incomplete: {
			return {message: `The new content of ${filePath} did not arrive whole; nothing was written`, hint: 'run the step again'};
		}

		case writeExit.invalidRestored: {
			return {message: `The new ${filePath} failed the ${validate} check; the original was restored`, hint: `the backup is ${backupPath ?? 'beside the file'}`};
		}

		case writeExit.invalidNotRestored: {
			return {message: `The new ${filePath} failed the ${validate} check and restoring the backup failed`, hint: `restore it by hand: cp -p ${backupPath ?? '<backup>'} ${filePath}`};
		}

		default: {
			return {message: `Cannot write ${filePath}; the original is untouched`};
		}
	}
}
