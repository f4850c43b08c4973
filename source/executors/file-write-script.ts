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
} as const;

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

/**
 * One POSIX sh script (run through any executor, so the same locally, over SSH and with sudo) that
 * writes stdin over the snapshot's file: hash check, timestamped backup beside it, temp file in the
 * same directory with the original mode and owner, rename, then the check (restoring the backup if it
 * fails). Prints `backup <path>` on stdout. The new content only ever travels on stdin.
 */
export function writeScript(snapshot: FileSnapshot, validate: FileValidation, now: Date): string {
	const directory = path.posix.dirname(snapshot.path);
	const name = path.posix.basename(snapshot.path);
	const check = validation(validate);
	return [
		`p=${shellQuote(snapshot.path)}`,
		`d=${shellQuote(directory)}`,
		`stem=${shellQuote(backupStem(snapshot.path, now))}`,
		`[ -f "$p" ] || { echo "$p is gone" >&2; exit ${writeExit.changed}; }`,
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
		`t=$(mktemp "$d/."${shellQuote(name)}".XXXXXX") || exit ${writeExit.writeFailed}`,
		`if ! { cat > "$t" && chown ${snapshot.uid}:${snapshot.gid} "$t" && chmod ${snapshot.mode.toString(8)} "$t" && mv -f -- "$t" "$p"; }; then`,
		`\trm -f -- "$t"; exit ${writeExit.writeFailed}`,
		'fi',
		'printf \'backup %s\\n\' "$b"',
		...(check === ''
			? []
			: [
				check,
				'if [ $? -ne 0 ]; then',
				'\tprintf \'%s\\n\' "$out" >&2',
				`\tr=$(mktemp "$d/."${shellQuote(name)}".XXXXXX") && cp -p -- "$b" "$r" && mv -f -- "$r" "$p" && exit ${writeExit.invalidRestored}`,
				`\texit ${writeExit.invalidNotRestored}`,
				'fi',
			]),
		'exit 0',
	].join('\n');
}
