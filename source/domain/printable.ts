/**
 * Characters a terminal acts on instead of printing, or that change how the text around them reads:
 * C0 controls (ESC, BEL, CR, line breaks …), DEL, C1 controls (U+0080-U+009F, e.g. the 8-bit CSI U+009B),
 * the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E-U+200F, U+202A-U+202E,
 * U+2066-U+2069), the line and paragraph separators and the invisible zero-width characters.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unprintable = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/gu;

function escapeOne(char: string): string {
	const code = char.codePointAt(0)!;
	return code <= 0xFF ? String.raw`\x${code.toString(16).padStart(2, '0')}` : String.raw`\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` safe to print on a terminal inside a message: every control or invisible formatting character
 * becomes a visible escape (ESC → \x1b, U+202E → \u202e); everything else, Unicode letters included, stays.
 * Use it wherever a message quotes input (keys, values, file names); applying it twice changes nothing.
 */
export function printable(text: string): string {
	return text.replaceAll(unprintable, escapeOne);
}

/** `'text'` with printable() applied: how messages quote a key or a value. */
export const quoted = (text: string): string => `'${printable(text)}'`;
