import {appendLine, joinLines, splitLines} from './text-lines.js';

const identifier = /^[A-Za-z_]\w*$/;

/**
 * The value inside double quotes for a shell variables file. Only `"`, `\` and backtick are
 * escaped: `$` is deliberately kept, so that `DAEMON_OPTS="--pid-file=$PIDFILE"` still expands
 * $PIDFILE when the init script sources /etc/default/vncauthproxy. A value that must contain a
 * literal `$` is written as `\$` by the caller.
 */
export function shellDoubleQuoted(value: string): string {
	return `"${value.replaceAll(/["\\`]/g, match => `\\${match}`)}"`;
}

/**
 * Sets NAME="value" in a Debian /etc/default file: replaces the first live `NAME=` line (keeping
 * an `export ` prefix) and comments out later ones; else uncomments the first `#NAME=` sample
 * line; else appends. Values are single-line (a newline is refused). Other bytes stay as they were.
 */
export function setShellVariable(text: string, name: string, value: string): string {
	if (!identifier.test(name)) {
		throw new Error(`Not a shell variable name: ${JSON.stringify(name)}.`);
	}

	if (/[\n\r]/.test(value)) {
		throw new Error(`The value of ${name} must be one line.`);
	}

	const assignment = `${name}=${shellDoubleQuoted(value)}`;
	const lines = splitLines(text);
	const live = new RegExp(`^([ \\t]*(?:export[ \\t]+)?)${name}=`);
	const sample = new RegExp(`^#[ \\t]*${name}=`);
	const liveIndexes = lines.flatMap((line, index) => (live.test(line.content) ? [index] : []));
	if (liveIndexes.length > 0) {
		return joinLines(lines.map((line, index) => {
			if (index === liveIndexes[0]) {
				const prefix = live.exec(line.content)![1]!;
				return {content: prefix + assignment, eol: line.eol};
			}

			return liveIndexes.includes(index) ? {content: `#${line.content}`, eol: line.eol} : line;
		}));
	}

	const sampleIndex = lines.findIndex(line => sample.test(line.content));
	if (sampleIndex !== -1) {
		return joinLines(lines.map((line, index) => (index === sampleIndex ? {content: assignment, eol: line.eol} : line)));
	}

	return joinLines(appendLine(lines, assignment));
}
