import type {TextLine} from './text-lines.js';

/**
 * Where a Python tokenizer stands at the end of a physical line: open brackets, an open string,
 * or a backslash continuation. Enough to find where a (possibly multi-line) statement ends.
 */
export interface ScanState {
	readonly depth: number;
	/** The quote of the open string ("'", '"', "'''" or '"""'), or '' outside strings. */
	readonly quote: string;
	/** The line ended with a backslash continuation (outside strings or inside a one-line string). */
	readonly continued: boolean;
}

export const startState: ScanState = {depth: 0, quote: '', continued: false};

export function isComplete(state: ScanState): boolean {
	return state.depth === 0 && state.quote === '' && !state.continued;
}

/** Scans one physical line (without its terminator) from the given state. */
export function scanLine(line: string, from: ScanState): ScanState {
	let {depth, quote} = from;
	let index = 0;
	while (index < line.length) {
		const char = line[index]!;
		if (quote !== '') {
			if (char === '\\') {
				if (index === line.length - 1) {
					return {depth, quote, continued: true};
				}

				index += 2;
				continue;
			}

			if (line.startsWith(quote, index)) {
				index += quote.length;
				quote = '';
				continue;
			}

			index++;
			continue;
		}

		if (char === '#') {
			break;
		}

		if (char === '\'' || char === '"') {
			const triple = char.repeat(3);
			quote = line.startsWith(triple, index) ? triple : char;
			index += quote.length;
			continue;
		}

		if (char === '\\' && index === line.length - 1) {
			return {depth, quote, continued: true};
		}

		if ('([{'.includes(char)) {
			depth++;
		} else if (')]}'.includes(char)) {
			depth = Math.max(0, depth - 1);
		}

		index++;
	}

	// A one-line string cannot cross a line end without a backslash: treat it as closed (a syntax
	// error that python will report), so that one bad line does not swallow the rest of the file.
	if (quote.length === 1) {
		quote = '';
	}

	return {depth, quote, continued: false};
}

/** A statement: the index of its first and last physical line. */
export interface Statement {
	readonly first: number;
	readonly last: number;
}

/** Groups physical lines into logical lines (statements, comment lines and blank lines). */
export function statements(lines: readonly TextLine[]): Statement[] {
	const result: Statement[] = [];
	let state = startState;
	let first = 0;
	for (const [index, line] of lines.entries()) {
		state = scanLine(line.content, state);
		if (isComplete(state) || index === lines.length - 1) {
			result.push({first, last: index});
			first = index + 1;
			state = startState;
		}
	}

	return result;
}

/**
 * The last line of a commented-out sample statement starting at line `first`: every line of the
 * sample starts with '#'; the text after that '#' is scanned as Python. Returns `first` when the
 * sample does not close before the commented lines end (then only its first line is treated as it).
 */
export function commentedBlockEnd(lines: readonly TextLine[], first: number): number {
	let state = startState;
	for (let index = first; index < lines.length; index++) {
		const content = lines[index]!.content;
		if (!content.startsWith('#')) {
			return first;
		}

		state = scanLine(content.slice(1), state);
		if (isComplete(state)) {
			return index;
		}
	}

	return first;
}
