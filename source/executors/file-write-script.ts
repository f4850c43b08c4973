import path from 'node:path';
import type {FileValidation} from '../domain/action-types.js';
import {shellQuote} from '../domain/shell-quote.js';
import type {FileSnapshot} from './executor.js';

/** Exit codes of the write script, chosen apart from what sh, sudo and the tools themselves return. */
export const writeExit = {
	/** The file's sha256 is not the one read (or it is gone): nothing written. */
	changed: 91,
	/** Backup, temp file, owner/mode or rename failed: the original is untouched. */
	writeFailed: 92,
	/** Written, the check failed, the original restored from the backup. */
	invalidRestored: 93,
	/** Written, the check failed, and restoring the backup failed too. */
	invalidNotRestored: 94,
	/** The new content did not arrive whole on stdin (length or sha256 differ): nothing written. */
	incomplete: 95,
} as const;

/**
 * The record of a write in progress, beside the file: `<original sha256> <new sha256> <backup path>`.
 * Written once the backup exists, removed when the write ends either way; one that is still there
 * means a write was interrupted (see interrupted-write.ts).
 */
export function pendingWritePath(filePath: string): string {
	return path.posix.join(path.posix.dirname(filePath), `.${path.posix.basename(filePath)}.snf-upgrade-write`);
}

/** What the script must find in its temp file before it renames it over the file. */
export interface IntendedContent {
	readonly sha256: string;
	/** Length in bytes (UTF-8). */
	readonly bytes: number;
}

/** `<path>.snf-upgrade-YYYYMMDDTHHMMSSZ` (the script adds `.bak`, or `-N.bak` if that exists). */
export function backupStem(filePath: string, now: Date): string {
	const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(/[-:]/g, '');
	return `${filePath}.snf-upgrade-${stamp}`;
}

const pythonCheck = 'import sys; p = sys.argv[1]; compile(open(p).read(), p, "exec")';

function validation(validate: FileValidation): string {
	switch (validate) {
		case 'none': {
			return '';
		}

		case 'python': {
			// The interpreter that runs Synnefo: `python` first (Python 2 on a 0.15 host), else python3.
			return [
				'if command -v python >/dev/null 2>&1; then py=python',
				'elif command -v python3 >/dev/null 2>&1; then py=python3',
				'else py=; fi',
				'if [ -z "$py" ]; then out="no python or python3 on this host to check the file"; false',
				`else out=$("$py" -c ${shellQuote(pythonCheck)} "$p" 2>&1); fi`,
			].join('\n');
		}

		case 'shibd': {
			return 'out=$(shibd -t -c "$p" 2>&1)';
		}
	}
}

/** A symlink must still lead to the file that was read. */
function sameTarget(snapshot: FileSnapshot): string[] {
	return snapshot.path === snapshot.target
		? []
		: [`[ "$(readlink -f -- ${shellQuote(snapshot.path)})" = "$p" ] || { echo ${shellQuote(`${snapshot.path} no longer leads to`)}" $p" >&2; exit ${writeExit.changed}; }`];
}

/**
 * One POSIX sh script (run through any executor, so the same locally, over SSH and with sudo) that
 * writes stdin over the snapshot's file (a symlink's target, in the target's own directory): hash
 * check, timestamped backup beside it (same mode and owner), the pending-write record, temp file in the
 * same directory, whose length and sha256 must be the intended ones (a cut stream never reaches the
 * file), original mode and owner, rename, then the check (restoring the backup if it fails). Prints
 * `backup <path>` on stdout. The new content only ever travels on stdin.
 */
export function writeScript(snapshot: FileSnapshot, content: IntendedContent, validate: FileValidation, now: Date): string {
	const directory = path.posix.dirname(snapshot.target);
	const name = path.posix.basename(snapshot.target);
	const check = validation(validate);
	return [
		// The connection may be gone by the time the script reports: it still ends its work, not killed by a write.
		"trap '' PIPE",
		`p=${shellQuote(snapshot.target)}`,
		`d=${shellQuote(directory)}`,
		`stem=${shellQuote(backupStem(snapshot.target, now))}`,
		`m=${shellQuote(pendingWritePath(snapshot.target))}`,
		`[ -f "$p" ] || { echo "$p is gone" >&2; exit ${writeExit.changed}; }`,
		...sameTarget(snapshot),
		`sum=$(sha256sum < "$p") || exit ${writeExit.writeFailed}`,
		`[ "\${sum%% *}" = ${snapshot.sha256} ] || { echo "$p changed since it was read" >&2; exit ${writeExit.changed}; }`,
		// The backup is copied to a fresh mktemp file, then hard-linked to its name: link(2) creates the name
		// or fails if anything is there (a symlink planted at the predictable name is never written through).
		`c=$(mktemp "$d/."${shellQuote(name)}".XXXXXX") || exit ${writeExit.writeFailed}`,
		`cp -p -- "$p" "$c" || { rm -f -- "$c"; exit ${writeExit.writeFailed}; }`,
		'b="$stem.bak"; i=1',
		'until ln -T -- "$c" "$b" 2>/dev/null; do',
		`\t{ [ -e "$b" ] || [ -L "$b" ]; } && [ $i -le 100 ] || { echo "cannot make the backup $b" >&2; rm -f -- "$c"; exit ${writeExit.writeFailed}; }`,
		'\tb="$stem-$i.bak"; i=$((i + 1))',
		'done',
		'rm -f -- "$c"',
		`k=$(mktemp "$d/."${shellQuote(name)}".XXXXXX") || exit ${writeExit.writeFailed}`,
		`printf '%s %s %s\\n' ${snapshot.sha256} ${content.sha256} "$b" > "$k" && mv -f -- "$k" "$m" || { rm -f -- "$k"; exit ${writeExit.writeFailed}; }`,
		`t=$(mktemp "$d/."${shellQuote(name)}".XXXXXX") || { rm -f -- "$m"; exit ${writeExit.writeFailed}; }`,
		'cat > "$t"; n=$(wc -c < "$t"); s=$(sha256sum < "$t")',
		`if [ "$n" -ne ${content.bytes} ] || [ "\${s%% *}" != ${content.sha256} ]; then`,
		'\trm -f -- "$t" "$m"',
		`\techo "the new content of $p did not arrive whole ($n of ${content.bytes} bytes, or another sha256): nothing was written" >&2`,
		`\texit ${writeExit.incomplete}`,
		'fi',
		`if ! { chown ${snapshot.uid}:${snapshot.gid} "$t" && chmod ${snapshot.mode.toString(8)} "$t" && mv -f -- "$t" "$p"; }; then`,
		`\trm -f -- "$t" "$m"; exit ${writeExit.writeFailed}`,
		'fi',
		'printf \'backup %s\\n\' "$b"',
		...(check === ''
			? []
			: [
				check,
				'if [ $? -ne 0 ]; then',
				'\tprintf \'%s\\n\' "$out" >&2',
				`\tr=$(mktemp "$d/."${shellQuote(name)}".XXXXXX") && cp -p -- "$b" "$r" && mv -f -- "$r" "$p" && { rm -f -- "$m"; exit ${writeExit.invalidRestored}; }`,
				`\texit ${writeExit.invalidNotRestored}`,
				'fi',
			]),
		'rm -f -- "$m"',
		'exit 0',
	].join('\n');
}
