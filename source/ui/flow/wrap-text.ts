/**
 * Breaks a line into rows of at most `width` characters at spaces (a word longer than a row is cut),
 * continuation rows indented like the first, plus two. Pure: the screens count rows before Ink draws them.
 */
export function wrapText(text: string, width: number): string[] {
	const room = Math.max(10, width);
	const indent = `${/^\s*/.exec(text)![0].slice(0, Math.floor(room / 3))}  `;
	const rows: string[] = [];
	let rest = text;
	let lead = /^\s*/.exec(text)![0].length;
	while (rest.length > room) {
		// A break after the row's own indentation, so that every row takes at least one character of text.
		const cut = rest.lastIndexOf(' ', room);
		const at = cut > lead ? cut : room;
		rows.push(rest.slice(0, at));
		rest = indent + rest.slice(at).trimStart();
		lead = indent.length;
	}

	rows.push(rest);
	return rows;
}
