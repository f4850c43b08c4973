import {quoted} from '../printable.js';

/**
 * Where a JSON text first goes wrong, found by a small scanner of its own:
 * V8's JSON.parse messages differ between versions and quote the text (which may hold secrets).
 */
export interface JsonErrorLocation {
	readonly line: number;
	readonly column: number;
	readonly problem: string;
}

class JsonSyntaxError extends Error {
	readonly offset: number;

	constructor(problem: string, offset: number) {
		super(problem);
		this.offset = offset;
	}
}

class Scanner {
	private index = 0;
	private readonly text: string;

	constructor(text: string) {
		this.text = text;
	}

	document(): void {
		this.value();
		this.space();
		if (this.index < this.text.length) {
			this.unexpected('after the end of the document');
		}
	}

	private value(): void {
		this.space();
		const char = this.text[this.index];
		if (char === '{') {
			this.container('}', () => {
				this.space();
				this.string();
				this.space();
				this.expect(':');
				this.value();
			});
		} else if (char === '[') {
			this.container(']', () => {
				this.value();
			});
		} else if (char === '"') {
			this.string();
		} else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
			this.number();
		} else {
			this.literal();
		}
	}

	private container(close: string, member: () => void): void {
		this.index++;
		this.space();
		if (this.text[this.index] === close) {
			this.index++;
			return;
		}

		for (;;) {
			member();
			this.space();
			const char = this.text[this.index];
			if (char === close) {
				this.index++;
				return;
			}

			if (char !== ',') {
				this.unexpected(`(expected ',' or '${close}')`);
			}

			this.index++;
			this.space();
			if (this.text[this.index] === close) {
				this.unexpected('(a trailing comma is not allowed in JSON)');
			}
		}
	}

	private string(): void {
		if (this.text[this.index] !== '"') {
			this.unexpected('(expected a string in double quotes)');
		}

		this.index++;
		for (;;) {
			const char = this.text[this.index];
			if (char === undefined) {
				throw new JsonSyntaxError('unterminated string', this.index);
			}

			if (char === '"') {
				this.index++;
				return;
			}

			if (char < ' ') {
				throw new JsonSyntaxError('control character (such as a line break) inside a string', this.index);
			}

			if (char === '\\') {
				const escape = this.text[this.index + 1] ?? '';
				if (escape === 'u') {
					if (!/^[\da-f]{4}$/i.test(this.text.slice(this.index + 2, this.index + 6))) {
						throw new JsonSyntaxError('bad \\u escape in a string', this.index);
					}

					this.index += 6;
					continue;
				}

				if (!'"\\/bfnrt'.includes(escape) || escape === '') {
					throw new JsonSyntaxError('bad escape in a string', this.index);
				}

				this.index += 2;
				continue;
			}

			this.index++;
		}
	}

	private number(): void {
		const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.index));
		if (!match) {
			throw new JsonSyntaxError('bad number', this.index);
		}

		this.index += match[0].length;
	}

	private literal(): void {
		for (const word of ['true', 'false', 'null']) {
			if (this.text.startsWith(word, this.index)) {
				this.index += word.length;
				return;
			}
		}

		this.unexpected('(expected a value: object, list, string, number, true, false or null)');
	}

	private expect(char: string): void {
		if (this.text[this.index] !== char) {
			this.unexpected(`(expected '${char}')`);
		}

		this.index++;
	}

	private space(): void {
		while (/^[ \t\n\r]$/.test(this.text[this.index] ?? '')) {
			this.index++;
		}
	}

	private unexpected(what: string): never {
		const char = this.text[this.index];
		if (char === undefined) {
			throw new JsonSyntaxError('unexpected end of file', this.index);
		}

		const shown = quoted(char);
		throw new JsonSyntaxError(`unexpected ${shown} ${what}`, this.index);
	}
}

function lineAndColumn(text: string, offset: number): {line: number; column: number} {
	const before = text.slice(0, offset);
	const lines = before.split('\n');
	return {line: lines.length, column: lines.at(-1)!.length + 1};
}

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
	try {
		new Scanner(text).document();
		return undefined;
	} catch (error) {
		if (error instanceof JsonSyntaxError) {
			return {...lineAndColumn(text, error.offset), problem: error.message};
		}

		throw error;
	}
}
