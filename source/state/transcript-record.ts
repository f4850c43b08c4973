const newline = 0x0A;
const space = 0x20;
/** The indent of a body's lines, in spaces. */
const indent = 4;
/** A record whose body is at most this many bytes is built in buffers kept for the next one (a bigger one in its own). */
const keptBodyBytes = 64 * 1024;
/** Lines up to this long are searched and copied byte by byte; the rest of a longer one natively (memchr, memcpy). */
const shortLine = 64;

/** The index of the next newline in source[from, end), or end. */
function lineEnd(source: Buffer, from: number, end: number): number {
	const near = Math.min(end, from + shortLine);
	for (let index = from; index < near; index++) {
		if (source[index] === newline) {
			return index;
		}
	}

	if (near === end) {
		return end;
	}

	const found = source.indexOf(newline, near);
	return found === -1 || found > end ? end : found;
}

/**
 * Builds transcript records as bytes: the header line, then each line of the body indented by four spaces,
 * ending with one newline (a last one of the body is that one). The body's lines are copied with the indents
 * between them into a buffer kept for the next record: a replaceAll of '\n' (or a /\n/g replace) made a few
 * strings per line, 85 bytes of garbage a line (the most of all a million-line command made), and a string or
 * buffer per record more garbage that waits for the next scavenge. Nothing here is per line.
 */
export function createRecordBuilder(): (head: string, body: string) => Buffer {
	let keptSource: Buffer | undefined;
	let keptTarget: Buffer | undefined;
	return (head, body) => {
		const bodyBytes = Buffer.byteLength(body);
		keptSource ??= Buffer.allocUnsafe(keptBodyBytes);
		const source = bodyBytes <= keptBodyBytes ? keptSource : Buffer.allocUnsafe(bodyBytes);
		source.write(body, 0);
		const end = bodyBytes > 0 && source[bodyBytes - 1] === newline ? bodyBytes - 1 : bodyBytes;
		let lines = 1;
		for (let at = lineEnd(source, 0, end); at < end; at = lineEnd(source, at + 1, end)) {
			lines++;
		}

		const headBytes = Buffer.byteLength(head);
		const size = headBytes + end + (lines * indent) + 1;
		keptTarget ??= Buffer.allocUnsafe(2 * keptBodyBytes);
		const target = size <= keptTarget.length ? keptTarget : Buffer.allocUnsafe(size);
		let at = target.write(head, 0);
		for (let from = 0; from <= end;) {
			for (const last = at + indent; at < last;) {
				target[at++] = space;
			}

			const to = lineEnd(source, from, end);
			if (to - from <= shortLine) {
				for (let index = from; index < to; index++) {
					target[at++] = source[index]!;
				}
			} else {
				at += source.copy(target, at, from, to);
			}

			target[at++] = newline;
			from = to + 1;
		}

		return target.subarray(0, at);
	};
}
