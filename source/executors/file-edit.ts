import {createHash} from 'node:crypto';
import type {FileEdit, FileValidation} from '../domain/action-types.js';
import {OperationError} from '../domain/errors.js';
import {maskSecretsInDiff, maskSecretsInText} from '../domain/transforms/mask-setting-secrets.js';
import {shellQuote} from '../domain/shell-quote.js';
import {applyEdits} from '../domain/transforms/apply-edits.js';
import {unifiedDiff} from '../domain/unified-diff.js';
import type {CommandResult, Executor, FileSnapshot, PromptResponder} from './executor.js';
import {writeExit, writeScript} from './file-write-script.js';

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
function tail(text: string, lines = 20): string {
	return maskSecretsInText(text.trimEnd().split('\n').slice(-lines).join('\n'));
}

function runFileCommand(executor: Executor, commandLine: string, options: FileAccessOptions, stdin?: string): Promise<CommandResult> {
	return executor.run(commandLine, {
		asRoot: options.asRoot,
		mutates: stdin !== undefined,
		...(stdin === undefined ? {} : {stdin}),
		...(options.prompts === undefined ? {} : {prompts: options.prompts()}),
		...(options.signal === undefined ? {} : {signal: options.signal}),
	});
}

/** Reads a file on the executor's host: content (`cat`), mode and owner (`stat`), sha256 of what was read. */
export async function readRemoteFile(executor: Executor, filePath: string, options: FileAccessOptions): Promise<FileSnapshot> {
	const quoted = shellQuote(filePath);
	const commandLine = `stat -c '%a %u %g' -- ${quoted} && cat -- ${quoted}`;
	const result = await runFileCommand(executor, commandLine, options);
	const newline = result.stdout.indexOf('\n');
	const meta = /^([0-7]+) (\d+) (\d+)$/.exec(result.stdout.slice(0, Math.max(newline, 0)));
	if (result.outcome !== 'completed' || result.exitCode !== 0 || meta === null) {
		throw new OperationError(`Cannot read ${filePath} on ${executor.host.label}`, {
			host: executor.host.label,
			command: commandLine,
			exitCode: result.exitCode,
			outputTail: tail(result.failure ?? result.stderr),
		});
	}

	const text = result.stdout.slice(newline + 1);
	return {
		path: filePath,
		text,
		sha256: sha256(text),
		mode: Number.parseInt(meta[1]!, 8),
		uid: Number(meta[2]),
		gid: Number(meta[3]),
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
	const script = writeScript(snapshot, options.validate, options.now);
	const result = await runFileCommand(executor, script, options, newText);
	const details = {
		host: executor.host.label,
		command: `write ${snapshot.path} (atomic, with backup)`,
		exitCode: result.exitCode,
		outputTail: tail(result.failure ?? result.stderr),
	};
	const backupPath = /^backup (.+)$/m.exec(result.stdout)?.[1];
	if (result.outcome !== 'completed') {
		throw new OperationError(`Writing ${snapshot.path} did not complete (${result.outcome})`, {
			...details,
			hint: 'check the file and its snf-upgrade backup by hand before going on',
		});
	}

	switch (result.exitCode) {
		case 0: {
			if (backupPath !== undefined) {
				return {backupPath};
			}

			// The script always names its backup; only a dry-run executor returns success with no output.
			if (result.stdout === '' && result.stderr === '') {
				return {};
			}

			throw new OperationError(`Writing ${snapshot.path} reported no backup`, details);
		}

		case writeExit.changed: {
			throw new OperationError(`${snapshot.path} changed since it was read; nothing was written`, {
				...details,
				hint: 'run the step again: the file is read afresh and the diff shown again',
			});
		}

		case writeExit.invalidRestored: {
			throw new OperationError(`The new ${snapshot.path} failed the ${options.validate} check; the original was restored`, {
				...details,
				hint: `the backup is ${backupPath ?? 'beside the file'}`,
			});
		}

		case writeExit.invalidNotRestored: {
			throw new OperationError(`The new ${snapshot.path} failed the ${options.validate} check and restoring the backup failed`, {
				...details,
				hint: `restore it by hand: cp -p ${backupPath ?? '<backup>'} ${snapshot.path}`,
			});
		}

		default: {
			throw new OperationError(`Cannot write ${snapshot.path}; the original is untouched`, details);
		}
	}
}
