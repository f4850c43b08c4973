import {InputError, OperationError} from '../domain/errors.js';
import {shellQuote} from '../domain/shell-quote.js';
import type {Host} from '../domain/inventory-types.js';
import {createDryRunExecutor} from '../executors/dry-run-executor.js';
import type {Executor} from '../executors/executor.js';
import {previewEdit, readRemoteFile, writeFileAtomically} from '../executors/file-edit.js';
import {createLocalExecutor} from '../executors/local-executor.js';
import {createPromptBroker} from '../executors/prompt-broker.js';
import type {EditOperations} from '../runner/run-types.js';

export interface ExecutorSettings {
	readonly acceptNewHostKeys: boolean;
	readonly sudoPassword?: string;
	/** Every secret answer's value: kept out of the environment of local commands. */
	readonly secrets?: readonly string[];
	readonly dryRun: boolean;
	/** Some host is reached over SSH (ssh2 is loaded only then). */
	readonly needsSsh: boolean;
}

/** The real executor for a host: execa for local targets, ssh2 for SSH ones; wrapped for a dry run. */
export async function executorFactory(settings: ExecutorSettings): Promise<(host: Host) => Executor> {
	const sudoWithPassword = settings.sudoPassword !== undefined;
	const ssh = settings.needsSsh ? await import('../executors/ssh/create-ssh-executor.js') : undefined;
	return host => {
		let executor: Executor;
		if (host.target.kind === 'local') {
			executor = createLocalExecutor(host, {sudoWithPassword, ...(settings.secrets === undefined ? {} : {secrets: settings.secrets})});
		} else {
			if (ssh === undefined) {
				throw new Error(`executorFactory: ${host.id} is an SSH host but needsSsh was false`);
			}

			executor = ssh.createSshExecutor(host, {acceptNewHostKeys: settings.acceptNewHostKeys, sudoWithPassword});
		}

		return settings.dryRun ? createDryRunExecutor(executor, () => {}) : executor;
	};
}

/** File edits through the executor (read with stat+cat, masked preview, atomic write with backup and check). */
export function editOperations(redact: (text: string) => string, sudoPassword: string | undefined): EditOperations {
	const prompts = () => createPromptBroker({rules: [], ...(sudoPassword === undefined ? {} : {sudoPassword})});
	return {
		read: async (executor, path, signal) => readRemoteFile(executor, path, {asRoot: true, prompts, ...(signal === undefined ? {} : {signal})}),
		preview(snapshot, edits) {
			const {newText, diff} = previewEdit(snapshot, edits, redact);
			return {text: newText, diff};
		},
		async write(executor, snapshot, text, validate, signal) {
			const {backupPath} = await writeFileAtomically(executor, snapshot, text, {asRoot: true, prompts, validate, now: new Date(), ...(signal === undefined ? {} : {signal})});
			if (backupPath === undefined) {
				return {detail: 'not written (dry run)'};
			}

			const where = snapshot.target === snapshot.path ? '' : ` (the link's target ${snapshot.target}; the link is kept)`;
			return {
				detail: `written${where}; the original is kept as ${backupPath}`,
				backup: {file: backupPath, restore: `cp -p -- ${shellQuote(backupPath)} ${shellQuote(snapshot.target)}`},
			};
		},
	};
}

/** The same error with every text passed through the redactor. */
export function redactError(error: unknown, redact: (text: string) => string): unknown {
	if (error instanceof InputError) {
		return new InputError(redact(error.message), error.hint === undefined ? undefined : redact(error.hint));
	}

	if (error instanceof OperationError) {
		const details = Object.fromEntries(Object.entries(error.details).map(([key, value]) => [key, typeof value === 'string' ? redact(value) : value]));
		return new OperationError(redact(error.message), details);
	}

	if (error instanceof Error) {
		error.message = redact(error.message);
		error.stack = error.stack === undefined ? undefined : redact(error.stack);
	}

	return error;
}
