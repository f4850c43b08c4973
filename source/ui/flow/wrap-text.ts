/**
 * Breaks a line into rows of at most `width` characters at spaces (a word longer than a row is cut),
 * continuation rows indented like the first. Pure: the screens count rows before Ink draws them.
 */
export function wrapText(text: string, width: number): string[] {
	const room = Math.max(10, width);
	if (text.length <= room) {
		return [text];
	}

	const indent = /^\s*/.exec(text)![0].slice(0, Math.floor(room / 2));
	const rows: string[] = [];
	let rest = text;
	while (rest.length > room) {
		const cut = rest.lastIndexOf(' ', room);
		const at = cut > indent.length ? cut : room;
		rows.push(rest.slice(0, at));
		rest = `${indent}  ${rest.slice(at).trimStart()}`;
	}

	rows.push(rest);
	return rows;
}
