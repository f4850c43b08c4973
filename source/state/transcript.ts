import fs from 'node:fs';
import path from 'node:path';
import {diskWriteError, isDiskWriteError} from './disk-error.js';
import {fileTimestamp} from './paths.js';
import {createRecordBuilder} from './transcript-record.js';

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
	const build = createRecordBuilder();
	return {
		file,
		write(header, body) {
			// The header line and the body are each redacted whole (the body before its lines are indented).
			const head = options.redact(`${now().toISOString()} ${header}\n`);
			const record = body === undefined || body === '' ? head : build(head, options.redact(body));
			explained(() => {
				fs.appendFileSync(file, record);
			});
		},
	};
}

/** A transcript that keeps nothing (tests, dry runs that must not touch the disk). */
export function nullTranscript(): Transcript {
	return {file: undefined, write() {}};
}
