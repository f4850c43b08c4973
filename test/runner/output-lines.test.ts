import {describe, expect, it} from 'vitest';
import {createRedactor, encodedForms, type Redactor} from '../../source/domain/redact.js';
import {longLineChars, tailOutputChars, tailOutputLines, transcriptFlushChars, transcriptPieceChars} from '../../source/runner/kept-output.js';
import {createCommandOutput, lineGoesOn} from '../../source/runner/output-lines.js';
import {generateSecret} from '../../source/state/answers-session.js';

function collect(redact: Redactor = createRedactor([])) {
	const lines: Array<[string, string]> = [];
	const blocks: string[] = [];
	const output = createCommandOutput({
		redact,
		onLines(stream, text) {
			for (const line of text.split('\n')) {
				lines.push([stream, line]);
			}
		},
		writeBlock: block => blocks.push(block),
	});
	return {output, lines, blocks};
}

describe('command output lines', () => {
	it('cuts chunks into whole lines per stream, redacting each line whole, empty lines included', () => {
		const {output, lines} = collect(createRedactor(['s3cret']));
		output.push({stream: 'stdout', text: 'one\r\ntw'});
		output.push({stream: 'stderr', text: 'err s3'});
		output.push({stream: 'stdout', text: 'o\n\nthree s3'});
		output.push({stream: 'stderr', text: 'cret\n'});
		output.push({stream: 'stdout', text: 'cret'});
		expect(output.end()).toBe('one\ntwo\n\nerr ••••\nthree ••••\n');
		expect(lines).toEqual([['stdout', 'one'], ['stdout', 'two'], ['stdout', ''], ['stderr', 'err ••••'], ['stdout', 'three ••••']]);
	});

	it('hands the transcript blocks while the output comes, and keeps only a short tail', () => {
		const {output, lines, blocks} = collect();
		const all = Array.from({length: 100_000}, (_, index) => String(index + 1));
		for (let start = 0; start < all.length; start += 5000) {
			output.push({stream: 'stdout', text: `${all.slice(start, start + 5000).join('\n')}\n`});
		}

		const rest = output.end();
		expect(lines).toHaveLength(100_000);
		expect(blocks.length).toBeGreaterThan(10);
		expect(blocks.every(block => block.length >= transcriptFlushChars && block.endsWith('\n'))).toBe(true);
		// The blocks and the rest are the output, exactly (each ends with the newline the transcript drops).
		expect([...blocks, rest].map(block => block.slice(0, -1)).filter(block => block !== '').join('\n')).toBe(all.join('\n'));
		const tail = output.tail().split('\n');
		expect(tail).toEqual(all.slice(-tailOutputLines));
	});

	it('keeps the last tailOutputLines lines for the tail however they come: a line a push, many a push, after long lines, across streams', () => {
		const {output} = collect();
		const long = 'L'.repeat(tailOutputChars - 10);
		output.push({stream: 'stdout', text: `${long}\n${long}\n`});
		const all = Array.from({length: 3 * tailOutputLines}, (_, index) => `line ${index}`);
		for (const [index, line] of all.entries()) {
			output.push({stream: index % 7 === 0 ? 'stderr' : 'stdout', text: `${line}\n`});
			if (index === tailOutputLines + 3) {
				expect(output.tail().split('\n')).toEqual(all.slice(4, index + 1));
			}
		}

		expect(output.tail().split('\n')).toEqual(all.slice(-tailOutputLines));
		output.push({stream: 'stdout', text: `${all.join('\n')}\nlast`});
		output.end();
		expect(output.tail().split('\n')).toEqual([...all.slice(1 - tailOutputLines), 'last']);
	});

	it('keeps at most tailOutputChars of long lines for the tail, never a cut line', () => {
		const {output} = collect();
		const long = (char: string) => char.repeat(tailOutputChars / 4);
		output.push({stream: 'stdout', text: `${['a', 'b', 'c', 'd', 'e', 'f'].map(char => long(char)).join('\n')}\n`});
		output.end();
		expect(output.tail().length).toBeLessThanOrEqual(tailOutputChars);
		expect(output.tail().split('\n').every(line => line.length === tailOutputChars / 4)).toBe(true);
		expect(output.tail().endsWith(long('f'))).toBe(true);
	});

	it('writes a chunk of lines longer than a piece in pieces of whole lines (a line longer than longLineChars in pieces of it), none lost', () => {
		const {output, lines, blocks} = collect();
		const line = 'x'.repeat(transcriptPieceChars + 10);
		output.push({stream: 'stdout', text: `short\n${line}\n\n${line}\nend\n`});
		const rest = output.end();
		expect(blocks.length).toBeGreaterThanOrEqual(2);
		expect(joined([...blocks, rest].filter(block => block !== '').map(block => block.slice(0, -1)))).toBe(['short', line, '', line, 'end'].join('\n'));
		expect(joined(lines.map(([, text]) => text))).toBe(['short', line, '', line, 'end'].join('\n'));
		expect(lines.every(([, text]) => text.length <= longLineChars + lineGoesOn.length)).toBe(true);
	});
});

/** What came out (events and transcript blocks, the rest from end()), each with the pieces of a cut line joined again. */
function joined(texts: readonly string[]): string {
	return texts.join('\n').replaceAll(`${lineGoesOn}\n`, '');
}

/** Pushes `text` on stdout in chunks of `size` characters, then ends; returns the events' texts, the transcript's and the largest event. */
function stream(redact: Redactor, text: string, size: number) {
	const events: string[] = [];
	const blocks: string[] = [];
	const output = createCommandOutput({redact, onLines: (_stream, lines) => events.push(lines), writeBlock: block => blocks.push(block)});
	for (let from = 0; from < text.length; from += size) {
		output.push({stream: 'stdout', text: text.slice(from, from + size)});
	}

	blocks.push(output.end());
	return {events: joined(events), transcript: joined(blocks.map(block => block.slice(0, -1)).filter(block => block !== '')), largest: Math.max(...events.map(event => event.length))};
}

// Secrets as the answers hold them: a generated one, and one typed by an admin, whose quoted and escaped forms are longer.
const generated = generateSecret();
const typed = 'pa ss\'wörd"$x';

describe('a line longer than longLineChars', () => {
	it('is given out in pieces while it comes, never held whole, and the pieces make the line again', () => {
		const events: string[] = [];
		const output = createCommandOutput({redact: createRedactor([generated]), onLines: (_stream, lines) => events.push(lines), writeBlock() {}});
		for (let count = 0; count < 100; count++) {
			output.push({stream: 'stdout', text: 'x'.repeat(65_536)});
		}

		// Before the command ends: all but the held end of the line is out already, in pieces of about longLineChars.
		expect(joined(events).length).toBeGreaterThan(100 * 65_536 - 2 * longLineChars);
		expect(events.every(text => text.length <= longLineChars + generated.length + lineGoesOn.length)).toBe(true);
		expect(events.every(text => text.endsWith(lineGoesOn))).toBe(true);
		output.end();
		expect(joined(events)).toBe('x'.repeat(100 * 65_536));
		expect(output.tail().length).toBeLessThanOrEqual(tailOutputChars);
	});

	it('is cut where no secret straddles the cut: every form of a secret at the cut is masked in events and transcript, as on the whole line', () => {
		const redact = createRedactor([generated, typed]);
		const forms = encodedForms(typed);
		for (const secret of [generated, ...forms]) {
			for (const offset of [-secret.length - 1, -secret.length, -secret.length + 1, -3, -1, 0, 1]) {
				// The secret (one form of it) where the first cut falls, twice in a row where the second cut falls.
				const line = `${'x'.repeat(longLineChars + offset)}${secret}${'y'.repeat(longLineChars + offset - secret.length)}${secret}${secret}${'z'.repeat(longLineChars)}`;
				for (const size of [1000, 4099, 65_536]) {
					const {events, transcript, largest} = stream(redact, `${line}\nnext\n`, size);
					expect(events).toBe(`${redact(line)}\nnext`);
					expect(transcript).toBe(`${redact(line)}\nnext`);
					expect(largest).toBeLessThanOrEqual(longLineChars + forms[0]!.length + lineGoesOn.length);
				}
			}
		}
	});

	it('holds the start of a secret at the end of what came until the rest shows it is one', () => {
		const redact = createRedactor([generated]);
		const events: string[] = [];
		const output = createCommandOutput({redact, onLines: (_stream, lines) => events.push(lines), writeBlock() {}});
		for (let length = 1; length < generated.length; length++) {
			const start = generated.slice(0, length);
			events.length = 0;
			output.push({stream: 'stdout', text: `${'x'.repeat(3 * longLineChars)}${start}`});
			// Out already: the x's before it, in pieces; the start of the secret is held.
			expect(joined(events)).toMatch(/^x+ \[line continues]$/);
			output.push({stream: 'stdout', text: `${generated.slice(length)}\n`});
			expect(joined(events)).not.toContain(generated);
			expect(joined(events).endsWith(`x••••`)).toBe(true);
		}
	});

	it('is cut transparently through overlapping and repeated occurrences of secrets', () => {
		// Two secrets that overlap each other ("…AbAb" ends where "AbAbA…" starts) and one repeated end to end.
		const first = `${generated.slice(0, 10)}AbAb`;
		const second = `AbAbA${generated.slice(10)}`;
		const redact = createRedactor([first, second]);
		const runs = [`${first}bA${generated.slice(10)}`, first.repeat(3000), `${first}${second}`.repeat(1500), `${first.slice(0, 12)}${second}`.repeat(1000)];
		for (const run of runs) {
			for (const shift of [0, 3, 7, 11]) {
				const line = `${'x'.repeat(longLineChars - shift - 20)}${run}`;
				for (const size of [1024, 65_536]) {
					const {events, transcript, largest} = stream(redact, line, size);
					expect(events).toBe(redact(line));
					expect(transcript).toBe(redact(line));
					expect(largest).toBeLessThanOrEqual(longLineChars + second.length + lineGoesOn.length);
				}
			}
		}
	});
});

describe('line ends', () => {
	/** Each event's lines, the first marked '↺' when it takes the place of the stream's last line (a redraw). */
	function redraws() {
		const events: string[] = [];
		const blocks: string[] = [];
		const output = createCommandOutput({
			redact: createRedactor([]),
			onLines(stream, text, replacesLast) {
				events.push(`${stream === 'stderr' ? 'err ' : ''}${replacesLast ? '↺' : ''}${text}`);
			},
			writeBlock: block => blocks.push(block),
		});
		return {output, events, blocks};
	}

	it('ends a line at a lone CR (a progress bar\'s redraw): the next line of its stream replaces it; CRLF, also split across two chunks, ends a line that stays', () => {
		const {output, events} = redraws();
		// A redraw is out as soon as its CR comes, not when the next chunk does.
		output.push({stream: 'stdout', text: '5%\r'});
		expect(events).toEqual(['5%']);
		for (const chunk of ['10%\r20%', '\r30%\r', '40%\r', '\n', 'a\r\nb\r', '\nc\r', 'd\n']) {
			output.push({stream: 'stdout', text: chunk});
		}

		// The transcript keeps every redraw as a line (the record of what the command printed).
		expect(output.end()).toBe('5%\n10%\n20%\n30%\n40%\na\nb\nc\nd\n');
		expect(events).toEqual(['5%', '↺10%', '↺20%', '↺30%', '↺40%', 'a', 'b', 'c', '↺d']);
		// The error tail is what a terminal shows: each redrawn line in its last state.
		expect(output.tail()).toBe('40%\na\nb\nd');
	});

	it('a redraw on one stream is replaced only by its own stream\'s next line; CR-first bars too', () => {
		const {output, events} = redraws();
		for (const [stream, text] of [['stdout', 'get\n\r1%'], ['stdout', '\r2%'], ['stderr', 'W: slow\n'], ['stdout', '\r3%'], ['stdout', '\n'], ['stderr', 'x\r'], ['stdout', 'y\n']] as const) {
			output.push({stream, text});
		}

		output.end();
		expect(events).toEqual(['get', '', '↺1%', 'err W: slow', '↺2%', '↺3%', 'err x', 'y']);
		// A line of the other stream that came between a redraw and its replacement stays, and so does the redraw.
		expect(output.tail()).toBe('get\n1%\nW: slow\n3%\nx\ny');
	});

	it('an empty line after a redraw (CR CR LF, CR then CRLF) ends the redrawn line, as on a terminal: no line replaces it', () => {
		for (const chunks of [['50%\r\r\nnext\n'], ['50%\r', '\r\n', 'next\n'], ['50%\r', '\r', '\nnext\n']]) {
			const {output, events} = redraws();
			for (const text of chunks) {
				output.push({stream: 'stdout', text});
			}

			expect(output.end()).toBe('50%\n\nnext\n');
			expect(events.join('|')).toBe('50%|next');
			expect(output.tail()).toBe('50%\nnext');
		}
	});

	it('keeps a lone CR inside its line when a secret holds one, so that the secret is masked whole (and still folds CRLF)', () => {
		// A secret may hold control characters (validate-answer.ts): one typed with a CR in it.
		const {output, lines} = collect(createRedactor([`pa\rss${generated}`]));
		for (const chunk of [`one pa\r`, `ss${generated} two\r`, '\nthree\r', `pa\rss${generated}`, '\r']) {
			output.push({stream: 'stdout', text: chunk});
		}

		output.end();
		expect(lines.map(([, text]) => text)).toEqual(['one •••• two', 'three\r••••\r']);
	});

	it('keeps a progress bar that never prints a newline bounded: each redraw is a line, given out as it ends', () => {
		const {output, lines} = collect();
		for (let percent = 0; percent < 30_000; percent++) {
			output.push({stream: 'stdout', text: `\r[${'#'.repeat(percent % 60).padEnd(60)}] ${percent}`});
		}

		expect(lines).toHaveLength(30_000);
		expect(lines.at(-1)).toEqual(['stdout', `[${'#'.repeat(29_998 % 60).padEnd(60)}] 29998`]);
		output.end();
		// The error tail holds the bar once, in its last state (each redraw replaced the one before).
		expect(output.tail().split('\n')).toEqual([`[${'#'.repeat(29_999 % 60).padEnd(60)}] 29999`]);
	});
});
