import fs from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import type {Plugin} from 'esbuild';
import {lazyRgiEmoji} from './lazy-emoji-regex.js';

const construction = 'new Intl.Segmenter(';
/** The modules Ink loads that build a segmenter when they load (string-width 8 and 7, slice-ansi, ansi-tokenize). */
const builders = /[/\\]node_modules[/\\](string-width[/\\]index|slice-ansi[/\\]tokenize-ansi|@alcalzone[/\\]ansi-tokenize[/\\]build[/\\]tokenize)\.js$/;
const helper = 'snf:simple-segments';
const helperFile = fileURLToPath(new URL('../../source/build/simple-segments.ts', import.meta.url));

/** The module's source with each segmenter built by lazySegmenter; an Error when it builds none (it changed). */
export function withLazySegmenters(source: string): string | Error {
	const count = source.split(construction).length - 1;
	if (count === 0) {
		return new Error(`no "${construction}"`);
	}

	return `import {lazySegmenter as snfLazySegmenter} from ${JSON.stringify(helper)};\n${source.replaceAll(construction, 'snfLazySegmenter(')}`;
}

/**
 * Ink's text modules as bundled: each builds its Intl.Segmenter with lazySegmenter (simple-segments.ts), as the
 * first segmenter built loads ICU's break rules (10 to 50 ms of the wizard's start on a loaded 2-core machine) and
 * the welcome's text needs none; string-width 8 builds its RGI emoji expression on first need (lazy-emoji-regex.ts).
 * The build fails if one of these modules no longer has what is replaced: the new version is then looked at, not
 * patched blindly.
 */
export const inkTextModules: Plugin = {
	name: 'ink-text-modules',
	setup(build) {
		build.onResolve({filter: /^snf:simple-segments$/}, () => ({path: helperFile}));
		build.onLoad({filter: builders}, async ({path}) => {
			const source = await fs.readFile(path, 'utf8');
			const emoji = lazyRgiEmoji(source);
			const patched = emoji instanceof Error ? emoji : withLazySegmenters(emoji ?? source);
			return patched instanceof Error
				? {errors: [{text: `ink-text-modules: ${path}: ${patched.message}; look at the new version before bundling it`}]}
				: {contents: patched, loader: 'js'};
		});
	},
};
