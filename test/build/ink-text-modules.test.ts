import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {tokenize} from '@alcalzone/ansi-tokenize';
import {build} from 'esbuild';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {inkTextModules, withLazySegmenters} from '../../source/build/ink-text-modules.js';
import {lazyRgiEmoji} from '../../source/build/lazy-emoji-regex.js';
import {lazySegmenter, simpleText} from '../../source/build/simple-segments.js';

interface TextModules {
	readonly stringWidth: typeof stringWidth;
	readonly sliceAnsi: typeof sliceAnsi;
	readonly tokenize: typeof tokenize;
	readonly wrapAnsi: typeof wrapAnsi;
}

const repo = fileURLToPath(new URL('../..', import.meta.url));
let work: string;
let bundled: string;
let patched: TextModules;
/** A fresh instance of the bundled modules (nothing built yet). */
const freshBundle = async (instance: string) => (await import(`${pathToFileURL(bundled).href}?${instance}`)) as TextModules;

beforeAll(async () => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'snf-ink-text-'));
	const contents = [
		'export {default as stringWidth} from "string-width";',
		'export {default as sliceAnsi} from "slice-ansi";',
		'export {tokenize} from "@alcalzone/ansi-tokenize";',
		'export {default as wrapAnsi} from "wrap-ansi";',
	].join('\n');
	bundled = path.join(work, 'text-modules.js');
	await build({stdin: {contents, resolveDir: repo, sourcefile: 'entry.js'}, outfile: bundled, bundle: true, format: 'esm', platform: 'node', plugins: [inkTextModules], logLevel: 'silent'});
	patched = await freshBundle('all');
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

const graphemes = new Intl.Segmenter();
const segments = (text: string) => [...graphemes.segment(text)].map(({segment, index}) => [segment, index]);
const red = (text: string) => `\u001B[31m${text}\u001B[39m`;
const welcome = ['snf-upgrade: Synnefo v0.14 → v0.15', red('❯ Rehearse: the whole walk on a fresh sandbox (recommended first) (r)'), '↑↓ move · Enter choose · letter shortcut · Ctrl+C quit', 'The deployment in /tmp/a (taken into /tmp/b)…'];
/** Texts that are not simple: marks, joiners, emoji of every RGI kind, Hangul, CRLF, next to simple ones. */
const hard = [
	'#️⃣', '1️⃣', '1⃣', '🇬🇷', '🇬', '🇬🇷🇬', '👍🏽', '👍🏿x', '👩‍💻', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '❤️', '✔️', '☺️', '👁‍🗨', 'é', '한', '한', 'ﾊﾞ',
	'a\u200Db', 'a\r\nb', 'क्षि', red('✅ done'), `${red('👩‍💻')} ok → é`, 'snf-upgrade: Synnefo v0.14 → v0.15 ✅ 🇬🇷 👩‍💻', '中文字符 wide',
];

describe('simple-segments', () => {
	it('every code unit of simpleText is a grapheme of its own beside a letter and beside itself', () => {
		const simple = [...codePoints(0, 0xFF_FF)].filter(text => simpleText.test(text));
		expect(simple.length).toBeGreaterThan(3000);
		const joined = simple.filter(text => segments(`a${text}a`).length !== 3 || segments(text + text).length !== 2);
		expect(joined).toEqual([]);
		// CR and LF join as CRLF: not simple.
		expect(simpleText.test('\r') || simpleText.test('\n')).toBe(false);
	});

	it('lazySegmenter segments (and finds the segment containing an index) exactly as Intl.Segmenter does', () => {
		const texts = [...welcome, ...hard, '', 'x', `${'ab·→'.repeat(50)}\u001B[0m`];
		for (const [text, options] of texts.flatMap(text => [[text, undefined], [text, {granularity: 'grapheme'}], [text, {granularity: 'word'}]] as const)) {
			const lazy = lazySegmenter(undefined, options).segment(text);
			const real = new Intl.Segmenter(undefined, options).segment(text);
			expect([...lazy].map(({segment, index}) => [segment, index]), text).toEqual([...real].map(({segment, index}) => [segment, index]));
			for (const index of [-1, Number.NaN, Number.POSITIVE_INFINITY, 0.5, ...Array.from({length: text.length + 1}, (_unused, at) => at)]) {
				const [mine, theirs] = [lazy.containing(index), real.containing(index)];
				expect(mine && [mine.segment, mine.index]).toEqual(theirs && [theirs.segment, theirs.index]);
			}
		}
	});
});

describe('ink-text-modules (string-width 8 and 7, slice-ansi, ansi-tokenize as bundled)', () => {
	it('every RGI emoji of one code point has Emoji_Presentation (what string-width’s check before the expression relies on)', () => {
		const rgi = new RegExp(String.raw`^\p{RGI_Emoji}$`, 'v');
		const presentation = /\p{Emoji_Presentation}/u;
		expect([...codePoints(0, 0x10_FF_FF)].filter(text => rgi.test(text) && !presentation.test(text))).toEqual([]);
	});

	it('string-width measures every code point and every kind of emoji sequence as it does unbundled', () => {
		// The BMP, the emoji planes' block and the tags: every code point an RGI emoji is made of.
		const texts = [...codePoints(0, 0xFF_FF), ...codePoints(0x1_F0_00, 0x1_FF_FF), ...codePoints(0xE_00_00, 0xE_01_EF), ...hard, ...welcome];
		expect(texts.filter(text => patched.stringWidth(text) !== stringWidth(text))).toEqual([]);
	});

	it('slice-ansi, ansi-tokenize and wrap-ansi give what they give unbundled, simple text or not', () => {
		for (const text of [...welcome, ...hard, red('x'.repeat(90))]) {
			expect(patched.tokenize(text)).toEqual(tokenize(text));
			expect(patched.wrapAnsi(text, 7, {hard: true, trim: false})).toBe(wrapAnsi(text, 7, {hard: true, trim: false}));
			for (const [start, end] of [[0, 1], [1, 5], [3, 40], [0, undefined]] as const) {
				expect(patched.sliceAnsi(text, start, end)).toBe(sliceAnsi(text, start, end));
			}
		}
	});

	it('the welcome’s lines build neither a segmenter nor the RGI expression; an emoji builds each once', async () => {
		const lazily = await freshBundle('lazily');
		const built: string[] = [];
		const [OriginalRegExp, OriginalSegmenter] = [globalThis.RegExp, Intl.Segmenter];
		globalThis.RegExp = new Proxy(OriginalRegExp, {
			construct(target, args: [string, string?]) {
				built.push(String(args[0]));
				return new target(...args);
			},
		});
		Object.assign(Intl, {Segmenter: new Proxy(OriginalSegmenter, {
			construct(target, args: ConstructorParameters<typeof Intl.Segmenter>) {
				built.push('Intl.Segmenter');
				return new target(...args);
			},
		})});
		try {
			for (const line of welcome) {
				lazily.stringWidth(line);
				lazily.tokenize(line);
				lazily.sliceAnsi(line, 0, 20);
				lazily.wrapAnsi(line, 30, {hard: true, trim: false});
			}

			expect(built.filter(source => source.includes('RGI_Emoji') || source === 'Intl.Segmenter')).toEqual([]);
			expect(lazily.stringWidth('done ✅')).toBe(7);
			expect(lazily.stringWidth('👩‍💻')).toBe(2);
			expect(built.filter(source => source.includes('RGI_Emoji'))).toHaveLength(1);
			expect(built.filter(source => source === 'Intl.Segmenter')).toHaveLength(1);
		} finally {
			globalThis.RegExp = OriginalRegExp;
			Object.assign(Intl, {Segmenter: OriginalSegmenter});
		}
	});

	it('leaves a string-width without the expression alone and refuses a module whose code changed', () => {
		const source = fs.readFileSync(path.join(repo, 'node_modules/string-width/index.js'), 'utf8');
		expect(lazyRgiEmoji('const segmenter = new Intl.Segmenter();\n\t// TODO: Use `/\\p{RGI_Emoji}/v` when targeting Node.js 20.\n')).toBeUndefined();
		expect(lazyRgiEmoji(source.replace('rgiEmojiRegex.test(segment)', 'rgiEmojiRegex.exec(segment)'))).toBeInstanceOf(Error);
		expect(lazyRgiEmoji(source.replace(String.raw`/^\p{RGI_Emoji}$/v`, String.raw`/\p{RGI_Emoji}/v`))).toBeInstanceOf(Error);
		expect(withLazySegmenters(source.replace('new Intl.Segmenter()', 'Intl.Segmenter.prototype'))).toBeInstanceOf(Error);
	});
});
