import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {createRequire} from 'node:module';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import stringWidth from 'string-width';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {lazyEmojiRegex, lazyRgiEmoji} from '../../source/build/lazy-emoji-regex.js';

type StringWidth = typeof stringWidth;
const stringWidthFile = createRequire(import.meta.url).resolve('string-width');
let work: string;
let bundled: string;
let patched: StringWidth;
/** A fresh instance of the bundled module (its expression not built yet). */
const freshPatched = async (instance: string) => ((await import(`${pathToFileURL(bundled).href}?${instance}`)) as {default: StringWidth}).default;

beforeAll(async () => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-lazy-emoji-'));
	const entry = path.join(work, 'entry.js');
	fs.writeFileSync(entry, `export {default} from ${JSON.stringify(stringWidthFile)};\n`);
	bundled = path.join(work, 'string-width.js');
	await build({entryPoints: [entry], outfile: bundled, bundle: true, format: 'esm', platform: 'node', plugins: [lazyEmojiRegex], logLevel: 'silent'});
	patched = await freshPatched('all');
}, 60_000);

afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

const codePoints = function * (from: number, to: number) {
	for (let codePoint = from; codePoint <= to; codePoint++) {
		if (codePoint < 0xD8_00 || codePoint > 0xDF_FF) {
			yield String.fromCodePoint(codePoint);
		}
	}
};

/** Emoji sequences of every RGI kind (keycaps, flags, modifiers, ZWJ, tags) and the near misses around them. */
const sequences = [
	'#️⃣', '1️⃣', '1⃣', '🇬🇷', '🇬', '🇬🇷🇬', '👍🏽', '👍🏿x', '👩‍💻', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '❤️', '❤', '✔️', '✔', '☺️', '☺',
	'👁‍🗨', 'é', 'é', '한', '한', 'ﾊﾞ', '\u00AD', 'a\u200Db', '\u001B[31m✅\u001B[39m', 'snf-upgrade: Synnefo v0.14 → v0.15 ✅ 🇬🇷 👩‍💻',
];

describe('lazy-emoji-regex (string-width 8 as bundled)', () => {
	it('every RGI emoji of one code point has Emoji_Presentation (what the check before the expression relies on)', () => {
		const rgi = new RegExp(String.raw`^\p{RGI_Emoji}$`, 'v');
		const presentation = /\p{Emoji_Presentation}/u;
		const missed = [...codePoints(0, 0x10_FF_FF)].filter(text => rgi.test(text) && !presentation.test(text));
		expect(missed).toEqual([]);
	});

	it('measures every code point and every kind of emoji sequence as string-width itself does', () => {
		// The BMP, the emoji planes' block and the tags: every code point an RGI emoji is made of.
		const texts = [...codePoints(0, 0xFF_FF), ...codePoints(0x1_F0_00, 0x1_FF_FF), ...codePoints(0xE_00_00, 0xE_01_EF), ...sequences];
		const differ = texts.filter(text => patched(text) !== stringWidth(text));
		expect(differ).toEqual([]);
	});

	it('builds the RGI expression only when a text may hold an emoji: never for the welcome’s lines', async () => {
		const lazily = await freshPatched('lazily');
		const built: string[] = [];
		const original = globalThis.RegExp;
		globalThis.RegExp = new Proxy(original, {
			construct(target, args: [string, string?]) {
				built.push(String(args[0]));
				return new target(...args);
			},
		});
		try {
			for (const line of ['snf-upgrade: Synnefo v0.14 → v0.15', '❯ Rehearse: the whole walk on a fresh sandbox (recommended first) (r)', '↑↓ move · Enter choose · letter shortcut · Ctrl+C quit']) {
				lazily(line);
			}

			expect(built.filter(source => source.includes('RGI_Emoji'))).toEqual([]);
			expect(lazily('done ✅')).toBe(7);
			expect(lazily('👩‍💻')).toBe(2);
			expect(built.filter(source => source.includes('RGI_Emoji'))).toHaveLength(1);
		} finally {
			globalThis.RegExp = original;
		}
	});

	it('leaves a string-width without the expression alone and refuses one whose check changed', () => {
		const source = fs.readFileSync(stringWidthFile, 'utf8');
		expect(lazyRgiEmoji('const segmenter = new Intl.Segmenter();\n\t// TODO: Use `/\\p{RGI_Emoji}/v` when targeting Node.js 20.\n')).toBeUndefined();
		expect(lazyRgiEmoji(source.replace('rgiEmojiRegex.test(segment)', 'rgiEmojiRegex.exec(segment)'))).toBeInstanceOf(Error);
		expect(lazyRgiEmoji(source.replace(String.raw`/^\p{RGI_Emoji}$/v`, String.raw`/\p{RGI_Emoji}/v`))).toBeInstanceOf(Error);
	});
});
