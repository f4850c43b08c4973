import fs from 'node:fs';
import path from 'node:path';
import {diskWriteError, isDiskWriteError} from './disk-error.js';
import {fileTimestamp} from './paths.js';

/** A plain-text record of one run: commands, hosts, exit codes, output, diffs, with timestamps. Redacted. */
export interface Transcript {
	readonly file: string | undefined;
	/** One record: a timestamped header line and an optional indented body. */
	write(header: string, body?: string): void;
}

export interface TranscriptOptions {
	readonly redact: (text: string) => string;
	readonly now?: () => Date;
	/** Names the file: `<timestamp>-<label>.log`. */
	readonly label?: string;
}

const newline = 0x0A;
const space = 0x20;
/** The indent of a body's lines, in spaces. */
const indent = 4;

/**
 * Each line of the body indented by four spaces, ending with one newline (a last one of the body is that one).
 * Copied byte by byte into one buffer: a replaceAll of '\n' (or a /\n/g replace) makes a few strings per line, 85
 * bytes of garbage a line, the most of all a million-line command made; the scavenges that took grew the young heap.
 */
function indented(body: string): string {
	const source = Buffer.from(body);
	const end = source.at(-1) === newline ? source.length - 1 : source.length;
	let lines = 1;
	for (let index = 0; index < end; index++) {
		if (source[index] === newline) {
			lines++;
		}
	}

	const target = Buffer.alloc(end + (lines * indent) + 1, space);
	let at = indent;
	for (let index = 0; index < end; index++) {
		const byte = source[index]!;
		target[at++] = byte;
		if (byte === newline) {
			// The indent's spaces are there already (the buffer was filled with them).
			at += indent;
		}
	}

	target[at] = newline;
	return target.toString();
}

/** Creates a transcript file in the directory (mode 0600); every write is redacted and appended synchronously. */
export function createTranscript(directory: string, options: TranscriptOptions): Transcript {
	const now = options.now ?? (() => new Date());
	const file = path.join(directory, `${fileTimestamp(now())}-${options.label ?? 'run'}.log`);
	const explained = <T>(act: () => T): T => {
		try {
			return act();
		} catch (error) {
			throw isDiskWriteError(error) ? diskWriteError(error, file, 'the transcript is incomplete (the journal is kept apart)') : error;
		}
	};

	explained(() => {
		fs.mkdirSync(directory, {recursive: true, mode: 0o700});
		fs.closeSync(fs.openSync(file, 'a', 0o600));
	});
	return {
		file,
		write(header, body) {
			const stamp = now().toISOString();
			const record = `${stamp} ${header}\n${body === undefined || body === '' ? '' : indented(body)}`;
			explained(() => {
				fs.appendFileSync(file, options.redact(record));
			});
		},
	};
}

/** A transcript that keeps nothing (tests, dry runs that must not touch the disk). */
export function nullTranscript(): Transcript {
	return {file: undefined, write() {}};
}
