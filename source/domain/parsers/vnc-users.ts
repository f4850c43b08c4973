/**
 * The vncauthproxy users file (facts §4: one `username:$6$<salt>$<hash>` line per user, crypt SHA-512) as
 * the probe reads it: awk prints each line with its hash replaced by its length and alphabet, so no
 * hash reaches a transcript. This module writes that awk program and reads its lines back.
 */
export const vncUsersMissing = 'snf-upgrade-vnc-users missing';
/** Printed before the file's lines, so that an empty file is told from no output. */
export const vncUsersPresent = 'snf-upgrade-vnc-users present';

/** awk over the file: `<user>:<everything up to the last $><<n> crypt|other>` per line. */
export const vncUsersAwk = String.raw`{ rest = substr($0, length($1) + 2); prefix = rest; sub(/[^$]*$/, "", prefix); hash = substr(rest, length(prefix) + 1); printf "%s:%s<%d %s>\n", $1, prefix, length(hash), (hash ~ /^[.\/0-9A-Za-z]*$/ ? "crypt" : "other") }`;

export interface VncUserLine {
	readonly user: string;
	/** `$6$<salt>$` for a SHA-512 crypt line; anything else for another. */
	readonly prefix: string;
	readonly hashLength: number;
	readonly cryptAlphabet: boolean;
}

/** The masked lines, or undefined when the script says the file does not exist; throws on any other line. */
export function parseVncUsers(stdout: string): VncUserLine[] | undefined {
	const [first, ...lines] = stdout.split('\n').filter(line => line !== '');
	if (first === vncUsersMissing && lines.length === 0) {
		return undefined;
	}

	if (first !== vncUsersPresent) {
		throw new Error('the users file read did not say whether the file exists');
	}

	return lines.map(line => {
		const match = /^([^:]*):(.*)<(\d+) (crypt|other)>$/.exec(line);
		if (match === null) {
			throw new Error(`the users file read gave ${JSON.stringify(line.slice(0, 80))}, not a masked user line`);
		}

		return {user: match[1]!, prefix: match[2]!, hashLength: Number(match[3]), cryptAlphabet: match[4] === 'crypt'};
	});
}

/** A SHA-512 crypt entry as vncauthproxy-passwd writes it: `$6$`, a salt of 1–16 characters, `$`, 86 characters of [./0-9A-Za-z]. */
export const isSha512Crypt = (line: VncUserLine): boolean =>
	/^\$6\$[./0-9A-Za-z]{1,16}\$$/.test(line.prefix) && line.hashLength === 86 && line.cryptAlphabet;
