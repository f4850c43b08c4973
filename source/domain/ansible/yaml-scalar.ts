/**
 * YAML scalars for the Ansible export. Every value from the plan or the hosts is written as a YAML
 * double-quoted scalar in which only printable ASCII appears as itself: the quote and the backslash are
 * escaped, every other character (control characters, DEL, anything non-ASCII, line and paragraph
 * separators, a byte-order mark) as \xNN, \uNNNN or \UNNNNNNNN. The parsed value is the exact text.
 */
export function yamlString(text: string): string {
	let body = '';
	for (const char of text) {
		const code = char.codePointAt(0)!;
		if (char === '"' || char === '\\') {
			body += `\\${char}`;
		} else if (code >= 0x20 && code < 0x7F) {
			body += char;
		} else if (code < 0x100) {
			body += `\\x${code.toString(16).padStart(2, '0')}`;
		} else if (code < 0x1_00_00) {
			body += `\\u${code.toString(16).padStart(4, '0')}`;
		} else {
			body += `\\U${code.toString(16).padStart(8, '0')}`;
		}
	}

	return `"${body}"`;
}

/**
 * A string Ansible must take as it is: tagged `!unsafe`, so that `{{ … }}` or `{% … %}` in a command, a
 * path or a file's content is never evaluated as a Jinja template (a value from a host could otherwise run
 * code on the controller).
 */
export const unsafeString = (text: string): string => `!unsafe ${yamlString(text)}`;
