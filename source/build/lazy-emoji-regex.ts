/** string-width 8's RGI emoji check: the regular expression built when the module loads, and its one use. */
const built = String.raw`const rgiEmojiRegex = /^\p{RGI_Emoji}$/v;`;
const used = 'rgiEmojiRegex.test(segment)';

/**
 * The same check, with the expression built on the first segment that can be an RGI emoji. A segment of one code
 * point can be one only if it has Emoji_Presentation (every RGI emoji of one code point has it: the build's test
 * checks them all); the welcome's text (letters, digits, arrows, ·) never needs the expression.
 */
const lazy = String.raw`let rgiEmojiRegex;
const emojiPresentationRegex = /\p{Emoji_Presentation}/u;
const oneCodePoint = segment => segment.length === (segment.codePointAt(0) > 0xFFFF ? 2 : 1);
const isRgiEmoji = segment => (!oneCodePoint(segment) || emojiPresentationRegex.test(segment)) && (rgiEmojiRegex ??= new RegExp('^\\p{RGI_Emoji}$', 'v')).test(segment);`;

/**
 * string-width 8 (Ink measures every line with it) builds `/^\p{RGI_Emoji}$/v` when it loads: V8 expands the
 * property's thousands of emoji sequences then, 15 to 40 ms of the wizard's start on a loaded 2-core machine, for
 * a check no welcome text needs. This is string-width's source with the expression built on first need; undefined when no code line names RGI_Emoji (string-width 7 uses emoji-regex); an Error for any other RGI_Emoji code. */
export function lazyRgiEmoji(source: string): string | undefined | Error {
	if (!source.split('\n').some(line => !line.trim().startsWith('//') && line.includes(String.raw`\p{RGI_Emoji}`))) {
		return undefined;
	}

	if (source.split(built).length !== 2 || source.split(used).length !== 2) {
		return new Error(`expected "${built}" and one "${used}"`);
	}

	return source.replace(built, () => lazy).replace(used, () => 'isRgiEmoji(segment)');
}
