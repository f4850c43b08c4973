import {printable} from './printable.js';

/** Each line of a message made printable; the line breaks the message itself puts between lines stay. */
const printableLines = (text: string): string => text.split('\n').map(line => printable(line)).join('\n');

/**
 * An expected failure caused by what the admin gave us (flags, answers file, inventory):
 * printed as one message with the fix, exit code 2, never a stack trace.
 * Whatever input the message and hint quote, they hold no control character (printable()).
 */
export class InputError extends Error {
	override readonly name = 'InputError';
	/** What to do about it, one line. */
	readonly hint: string | undefined;

	constructor(message: string, hint?: string) {
		super(printableLines(message));
		this.hint = hint === undefined ? undefined : printableLines(hint);
	}
}

export interface OperationDetails {
	readonly host?: string;
	readonly command?: string;
	readonly exitCode?: number | null;
	readonly outputTail?: string;
	readonly hint?: string;
}

/** An expected failure of the deployment (a command failed, a host refused): exit code 1 with the details. */
export class OperationError extends Error {
	override readonly name = 'OperationError';
	readonly details: OperationDetails;

	constructor(message: string, details: OperationDetails = {}) {
		super(message);
		this.details = details;
	}
}
