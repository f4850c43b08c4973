/** A physical line and its terminator ('' for a last line without one). */
export interface TextLine {
	readonly content: string;
	readonly eol: string;
}

/** Splits text into lines, keeping each terminator (\n, \r\n or \r) so that joining gives the text back. */
export function splitLines(text: string): TextLine[] {
	const lines: TextLine[] = [];
	const pattern = /\r\n|\n|\r/g;
	let start = 0;
	for (const match of text.matchAll(pattern)) {
		lines.push({content: text.slice(start, match.index), eol: match[0]});
		start = match.index + match[0].length;
	}

	if (start < text.length) {
		lines.push({content: text.slice(start), eol: ''});
	}

	return lines;
}

export function joinLines(lines: readonly TextLine[]): string {
	return lines.map(line => line.content + line.eol).join('');
}

/** The file's line terminator: the first one found, else \n. */
export function dominantEol(lines: readonly TextLine[]): string {
	return lines.find(line => line.eol !== '')?.eol ?? '\n';
}

/** Lines for text to append at the end: makes sure the last existing line is terminated. */
export function appendLine(lines: readonly TextLine[], content: string): TextLine[] {
	const eol = dominantEol(lines);
	const fixed = lines.map((line, index) =>
		index === lines.length - 1 && line.eol === '' ? {content: line.content, eol} : line);
	return [...fixed, {content, eol}];
}
