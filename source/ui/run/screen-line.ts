// eslint-disable-next-line no-control-regex -- escape sequences are what is removed
const escapeSequences = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B[@-Z\\-_]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controls = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

/**
 * A line of command output as the run screen may draw it in one row: colour and cursor sequences
 * removed (a command's ESC[2J must not clear the admin's screen), a tab as spaces, any other control
 * character as U+FFFD, and at most `columns` characters (Ink truncates too, but a 1 MB line would
 * still cost its layout). The transcript keeps the line as it was.
 */
export function screenLine(text: string, columns: number): string {
	const clipped = text.length > columns * 4 ? text.slice(0, columns * 4) : text;
	return clipped.replaceAll(escapeSequences, '').replaceAll('\t', '    ').replaceAll(controls, '\uFFFD').slice(0, Math.max(1, columns));
}
