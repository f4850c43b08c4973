import {secretMask} from '../shell-quote.js';

/**
 * Settings files hold secrets snf-upgrade was never told about (SECRET_KEY, database passwords,
 * service tokens). Before a line of such a file is shown or logged — a diff, a checker's complaint —
 * the values of settings and dict keys whose names say "secret" are masked, and so is the password
 * of any URL with credentials. It hides too much rather than too little.
 */
const secretName = /secret|passw|token|credential|private|(?:^|_)key$/i;
const assignment = /^(\s*#?\s*)([A-Za-z_]\w*)(\s*=(?!=)\s*)(.*)$/;
const dictEntry = /^(\s*#?\s*)(['"])([^'"]+)\2(\s*:\s*)(.*)$/;
const urlPassword = /([a-z][\w+.-]*:\/\/[^\s:/@'"]+:)([^\s@'"/]+)(@)/gi;
const quoted = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g;

function maskQuoted(value: string): string {
	return value.replace(quoted, match => `${match[0]!}${secretMask}${match[0]!}`);
}

/** Masks the secret values on one line of a settings file. */
export function maskSecretsInLine(line: string): string {
	const withoutUrlPasswords = line.replace(urlPassword, (_match, before: string, _password: string, at: string) => `${before}${secretMask}${at}`);
	const setting = assignment.exec(withoutUrlPasswords);
	if (setting && secretName.test(setting[2]!)) {
		return `${setting[1]!}${setting[2]!}${setting[3]!}${maskQuoted(setting[4]!)}`;
	}

	const entry = dictEntry.exec(withoutUrlPasswords);
	if (entry && secretName.test(entry[3]!)) {
		return `${entry[1]!}${entry[2]!}${entry[3]!}${entry[2]!}${entry[4]!}${maskQuoted(entry[5]!)}`;
	}

	return withoutUrlPasswords;
}

/** Masks secret values in a unified diff of a settings file, leaving its headers alone. */
export function maskSecretsInDiff(diff: string): string {
	return diff
		.split('\n')
		.map(line => (/^[ +-]/.test(line) && !/^(?:---|\+\+\+) /.test(line) ? `${line[0]!}${maskSecretsInLine(line.slice(1))}` : line))
		.join('\n');
}

/** Masks secret values in free text such as a checker's output (which may quote a line of the file). */
export function maskSecretsInText(text: string): string {
	return text.split('\n').map(line => maskSecretsInLine(line)).join('\n');
}
