/** One line of a file, with its terminator ('' for a last line without a newline). */
function fileLines(text: string): string[] {
	if (text === '') {
		return [];
	}

	const lines = text.split(/(?<=\n)/);
	return lines;
}

type Op = {readonly kind: ' ' | '-' | '+'; readonly line: string};

/** Line-level edit script via LCS on the part between the common prefix and suffix. */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
	let prefix = 0;
	while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) {
		prefix++;
	}

	let suffix = 0;
	while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) {
		suffix++;
	}

	const n = a.length - prefix - suffix;
	const m = b.length - prefix - suffix;
	// lcs[i * (m + 1) + j] = LCS length of a[prefix + i ..] and b[prefix + j ..] (middle parts only).
	const lcs = new Uint32Array((n + 1) * (m + 1));
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			lcs[(i * (m + 1)) + j] = a[prefix + i] === b[prefix + j]
				? lcs[((i + 1) * (m + 1)) + j + 1]! + 1
				: Math.max(lcs[((i + 1) * (m + 1)) + j]!, lcs[(i * (m + 1)) + j + 1]!);
		}
	}

	const ops: Op[] = a.slice(0, prefix).map(line => ({kind: ' ', line}));
	let i = 0;
	let j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && a[prefix + i] === b[prefix + j]) {
			ops.push({kind: ' ', line: a[prefix + i]!});
			i++;
			j++;
		} else if (j >= m || (i < n && lcs[((i + 1) * (m + 1)) + j]! >= lcs[(i * (m + 1)) + j + 1]!)) {
			ops.push({kind: '-', line: a[prefix + i]!});
			i++;
		} else {
			ops.push({kind: '+', line: b[prefix + j]!});
			j++;
		}
	}

	for (const line of a.slice(a.length - suffix)) {
		ops.push({kind: ' ', line});
	}

	return ops;
}

function range(start: number, count: number): string {
	// GNU diff: an empty range names the line before it; a count of 1 is left out.
	const first = count === 0 ? start : start + 1;
	return count === 1 ? `${first}` : `${first},${count}`;
}

function renderLine(op: Op): string {
	return op.line.endsWith('\n') ? `${op.kind}${op.line}` : `${op.kind}${op.line}\n\\ No newline at end of file\n`;
}

/**
 * A unified diff (`diff -u` / `git diff` format) between two versions of a file; '' when they are
 * equal. PATH is shown as `a/PATH` and `b/PATH` with leading slashes removed (git's convention).
 */
export function unifiedDiff(oldText: string, newText: string, path: string, context = 3): string {
	if (oldText === newText) {
		return '';
	}

	const ops = diffLines(fileLines(oldText), fileLines(newText));
	const changes = ops.flatMap((op, index) => (op.kind === ' ' ? [] : [index]));
	const name = path.replace(/^\/+/, '');
	let output = `--- a/${name}\n+++ b/${name}\n`;
	let hunkStart = 0;
	while (hunkStart < changes.length) {
		let hunkEnd = hunkStart;
		while (hunkEnd + 1 < changes.length && changes[hunkEnd + 1]! - changes[hunkEnd]! <= (2 * context) + 1) {
			hunkEnd++;
		}

		const from = Math.max(0, changes[hunkStart]! - context);
		const to = Math.min(ops.length - 1, changes[hunkEnd]! + context);
		let oldStart = 0;
		let newStart = 0;
		for (const op of ops.slice(0, from)) {
			oldStart += op.kind === '+' ? 0 : 1;
			newStart += op.kind === '-' ? 0 : 1;
		}

		const hunk = ops.slice(from, to + 1);
		const oldCount = hunk.filter(op => op.kind !== '+').length;
		const newCount = hunk.filter(op => op.kind !== '-').length;
		output += `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n`;
		output += hunk.map(op => renderLine(op)).join('');
		hunkStart = hunkEnd + 1;
	}

	return output;
}
