/**
 * Code units that are each a grapheme cluster of their own beside any other of them (no joining rule of UAX #29
 * applies between two: no marks, joiners, variation selectors, Hangul jamo, regional indicators, prepend or
 * spacing marks, and no CR or LF, which join as CRLF): ASCII and Latin, Greek, punctuation, arrows, box drawing
 * and the other symbol blocks a terminal screen is drawn with. The test checks every one against Intl.Segmenter.
 */
// eslint-disable-next-line no-control-regex -- C0 controls (ESC among them: coloured lines) are graphemes of their own
export const simpleText = /^[\0-\t\v\f\u000E-\u02FF\u0370-\u0377\u037A-\u037F\u0384-\u038A\u038C\u038E-\u03A1\u03A3-\u03FF\u2010-\u2027\u2030-\u205E\u2070-\u209C\u20A0-\u20C0\u2100-\u218B\u2190-\u23FF\u2460-\u24FF\u2500-\u27BF\u2900-\u2BFF]*$/;

interface Segment {
	readonly segment: string;
	readonly index: number;
	readonly input: string;
}

/** What Intl.Segmenter's segment() gives for a simple text: each code unit a segment. */
function codeUnitSegments(input: string) {
	const at = (index: number): Segment => ({segment: input[index]!, index, input});
	return {
		* [Symbol.iterator](): Generator<Segment> {
			for (let index = 0; index < input.length; index++) {
				yield at(index);
			}
		},
		containing(index = 0): Segment | undefined {
			// As Intl: the index made an integer (NaN is 0); outside the text, no segment.
			const start = Math.trunc(Number(index)) || 0;
			return start >= 0 && start < input.length ? at(start) : undefined;
		},
	};
}

/**
 * An Intl.Segmenter (graphemes) that is built on the first text that needs it: a simple text is segmented code
 * unit by code unit, as it would be. Built at once, the first segmenter loads ICU's break rules, 10 to 50 ms of
 * the wizard's start on a loaded 2-core machine, and the welcome's text is all simple.
 */
export function lazySegmenter(locales?: Intl.LocalesArgument, options?: Intl.SegmenterOptions) {
	let segmenter: Intl.Segmenter | undefined;
	const built = () => (segmenter ??= new Intl.Segmenter(locales, options));
	const graphemes = (options?.granularity ?? 'grapheme') === 'grapheme';
	return {
		segment: (input: string) => (graphemes && simpleText.test(input) ? codeUnitSegments(input) : built().segment(input)),
		resolvedOptions: () => built().resolvedOptions(),
	};
}
